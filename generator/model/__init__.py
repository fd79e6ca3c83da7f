"""Stage 2, model: the validated competency model as typed, frozen dataclasses, built once from the documents,
with the queries the outputs need (lookups, crosswalk comparisons, coursework coverage); nothing here knows pages.
"""
