import { is, Placeholder, sql, type Param, type SQL } from "drizzle-orm";
import type { PgDialect } from "drizzle-orm/pg-core";

/** A value in a statement being built: a parameter, or a placeholder of a shaped statement. */
export type Bound = Param | Placeholder;

/** How a statement builder puts a value into its statement: see `ShapedStatement`. */
export type Bind = (value: unknown) => Bound;

/** Binds values as ordinary parameters: the statement is rendered with them, as any drizzle statement. */
export const asParams: Bind = (value) => sql.param(value);

/**
 * A statement whose text depends only on its shape — which parts it has — and never on its
 * values, because every value goes in through `bind` (lists as array parameters). The metering
 * hot path sends one large statement per group; drizzle renders a statement by walking all of its
 * chunks, which was a quarter of a single-event group's server CPU. `renderShaped` renders each
 * shape once per process and afterwards only collects the values.
 */
export interface ShapedStatement {
  /** Names what the text depends on: two statements with the same shape must have the same text. */
  shape: string;
  build(bind: Bind): SQL;
}

/** Statements of the same shape, parts of a larger one: the whole's shape names every part's in order. */
export function shapeOf(parts: ShapedStatement[]): string {
  return parts.map((part) => part.shape).join("|");
}

/** A shape's text, and for each of its parameters the position of the bound value it takes. */
interface RenderedShape {
  text: string;
  slots: number[];
  values: number;
}

const renderedShapes = new Map<string, RenderedShape>();

/**
 * The statement's text and parameters: the text as rendered for its shape the first time, the
 * parameters from this statement's values. Refuses a statement holding a value that was not bound
 * (it would be frozen into every later statement of the shape) and one whose values do not match
 * its shape's.
 */
export function renderShaped(dialect: PgDialect, statement: ShapedStatement): { sql: string; params: unknown[] } {
  const values: unknown[] = [];
  const built = statement.build((value) => sql.placeholder(String(values.push(value) - 1)));
  let rendered = renderedShapes.get(statement.shape);
  if (!rendered) {
    rendered = renderShape(dialect, built, statement.shape);
    renderedShapes.set(statement.shape, rendered);
  }
  if (rendered.values !== values.length) {
    throw new Error(`Shaped statement "${statement.shape}" bound ${values.length} values; its shape has ${rendered.values}`);
  }
  return { sql: rendered.text, params: rendered.slots.map((slot) => values[slot]) };
}

function renderShape(dialect: PgDialect, built: SQL, shape: string): RenderedShape {
  const { sql: text, params } = dialect.sqlToQuery(built);
  const slots = params.map((param) => {
    if (!is(param, Placeholder)) throw new Error(`Shaped statement "${shape}" holds a value that was not bound`);
    return Number(param.name);
  });
  return { text, slots, values: new Set(slots).size };
}
