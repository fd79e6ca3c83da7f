"""How pages name the fixed values of the category schema (the vocabulary's own labels are in vocabulary.yml)."""
from __future__ import annotations

STATUS_LABELS = {"established": "Established", "emerging": "Emerging category", "add-on": "Add-on endorsement"}
REQUIREMENT_LABELS = {
    "documentation": "Documentation", "education": "Education", "training": "Training",
    "work_experience": "Work experience", "rsc": "Reflective supervision/consultation (RSC)",
    "reference_ratings": "Reference ratings", "membership": "Membership", "agreements": "Signed agreements",
    "exam": "Exam",
}
DEGREE_LABELS = {"none": "no degree required", "cda-or-associate": "CDA or associate's degree",
                 "bachelor": "bachelor's degree or higher", "master": "master's degree or higher",
                 "doctorate": "doctorate"}
RENEWAL_LABELS = {"training": "Training", "rsc": "Reflective supervision/consultation", "membership": "Membership",
                  "other": "Other"}
NOT_ENTERED = "Not yet entered"
