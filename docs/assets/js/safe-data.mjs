// IECMH Competency Atlas: small DOM-free safety helpers shared by the self-assessment and the coursework mapper.

/** Keys refused anywhere in an imported file (prototype pollution). */
export const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** The first forbidden key found anywhere in a parsed JSON value (without recursion), or null. */
export function forbiddenKey(root) {
  const stack = [root];
  while (stack.length) {
    const value = stack.pop();
    if (value === null || typeof value !== "object") continue;
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) return key;
      stack.push(value[key]);
    }
  }
  return null;
}

/** One RFC 4180 CSV cell that no spreadsheet reads as a formula (= + - @ TAB CR get a leading '). */
export function csvCell(value) {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The day of a Date in the user's own time zone as YYYY-MM-DD, for export file names and report dates: an evening
 * export in the US is dated that evening, not the next UTC day. */
export function localDay(date) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
