import { withoutUndefined } from "../shared/defined.js";
import type { DocumentReader } from "./document-reader.js";
import { isRecord } from "./document-reader.js";
import type { EntityLink } from "./entity.js";

const TAG = /^[a-z0-9:+#]+(?:-[a-z0-9:+#]+)*$/;

/** `metadata.tags`; Backstage refuses an entity with a tag outside its rule, so that is an error. */
export function readTags(reader: DocumentReader): string[] {
  const tags = reader.textList(["metadata", "tags"]);
  tags.forEach((tag, index) => {
    if (tag.length > 63 || !TAG.test(tag)) {
      reader.error(
        ["metadata", "tags", index],
        `"${tag}" is not a valid tag: lower-case letters, digits and : + # in groups separated by -, at most 63 characters`,
      );
    }
  });
  return tags;
}

/**
 * `metadata.links`. A link without a url is an error (Backstage refuses it); one whose url is not a full address
 * (`blog.example.io`) is kept out with a warning, as Backstage accepts it but nothing could open it.
 */
export function readLinks(reader: DocumentReader): EntityLink[] {
  const links = reader.value(["metadata", "links"]);
  if (links === undefined || links === null) return [];
  if (!Array.isArray(links)) {
    reader.error(["metadata", "links"], "expected a list of links, each with a url");
    return [];
  }
  return links.flatMap((link, index): EntityLink[] => {
    const path = ["metadata", "links", index];
    if (!isRecord(link)) {
      reader.error(path, "expected a link: a mapping with url (and title, icon, type)");
      return [];
    }
    const url = reader.text([...path, "url"]);
    if (url === undefined) {
      reader.error(path, "url is required: give the link's address (e.g. url: https://…)");
      return [];
    }
    if (!URL.canParse(url)) {
      const fix = /^[\w-]+(?:\.[\w-]+)+(?:\/\S*)?$/.test(url)
        ? `write it as https://${url}`
        : "write it in full, e.g. https://grafana.example/d/abc";
      reader.warn([...path, "url"], `"${url}" is not a full address, so the link is left out: ${fix}`);
      return [];
    }
    const extra = withoutUndefined({
      title: reader.text([...path, "title"]),
      icon: reader.text([...path, "icon"]),
      type: reader.text([...path, "type"]),
    });
    return [{ url, ...extra }];
  });
}

export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}
