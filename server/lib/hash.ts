import { hash } from "node:crypto";

export const sha256 = (text: string): string => hash("sha256", text, "hex");

/**
 * JSON with object keys sorted at every level, so equal payloads hash equally whatever their key
 * order. Hashes of it are stored (idempotency answers), so its text must never change: plain data
 * (what a parsed request holds) is written directly, in exactly `JSON.stringify`'s format;
 * anything else (a Date, a class instance, a top-level undefined) goes through `JSON.stringify`
 * with a sorting replacer, the original definition.
 */
export function canonicalJson(value: unknown): string {
  return writePlain(value) ?? viaStringify(value);
}

export const hashPayload = (value: unknown) => sha256(canonicalJson(value));

/** The canonical text of plain data, or undefined when `value` holds anything that is not. */
function writePlain(value: unknown): string | undefined {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      return Number.isFinite(value) ? String(value) : "null";
    case "boolean":
      return value ? "true" : "false";
    case "object":
      if (value === null) return "null";
      return Array.isArray(value) ? writeArray(value) : writeObject(value);
    default:
      return undefined;
  }
}

function writeArray(items: unknown[]): string | undefined {
  let text = "[";
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    // JSON writes a missing element as null (undefined, functions and symbols are not plain: fall back).
    const written = writePlain(item);
    if (written === undefined) return undefined;
    text += i === 0 ? written : `,${written}`;
  }
  return `${text}]`;
}

function writeObject(object: object): string | undefined {
  const prototype = Object.getPrototypeOf(object);
  if ((prototype !== Object.prototype && prototype !== null) || "toJSON" in object) return undefined;
  const record = object as Record<string, unknown>;
  const keys = sortedLikeTheReplacer(Object.keys(record));
  let text = "{";
  let first = true;
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    const written = writePlain(item);
    if (written === undefined) return undefined;
    text += `${first ? "" : ","}${JSON.stringify(key)}:${written}`;
    first = false;
  }
  return `${text}}`;
}

/**
 * The replacer sorts keys in code-unit order and rebuilds the object, and an object lists its
 * array-index keys ("0", "7", "12") first, in numeric order, whatever order they were added in: so
 * the original text has those first, numerically, then the rest sorted. `Object.keys` already
 * lists them that way, so only the rest is sorted.
 */
function sortedLikeTheReplacer(keys: string[]): string[] {
  let indexes = 0;
  while (indexes < keys.length && isArrayIndex(keys[indexes]!)) indexes++;
  if (indexes === 0) return keys.sort();
  return [...keys.slice(0, indexes), ...keys.slice(indexes).sort()];
}

const ARRAY_INDEX = /^(?:0|[1-9][0-9]*)$/;
const isArrayIndex = (key: string) => ARRAY_INDEX.test(key) && Number(key) < 4_294_967_295;

/** The original definition, for values that are not plain data. */
function viaStringify(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item && typeof item === "object" && !Array.isArray(item)) {
      return Object.fromEntries(
        Object.entries(item as Record<string, unknown>)
          .filter(([, v]) => v !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      );
    }
    return item;
  });
}
