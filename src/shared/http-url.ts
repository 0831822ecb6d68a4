/** Whether the text is an absolute http(s) address: the only kind of link incidentkit stores or shows. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}
