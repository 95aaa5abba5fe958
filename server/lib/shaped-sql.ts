import { is, Placeholder, sql, type Param, type SQL } from "drizzle-orm";
import type { PgDialect } from "drizzle-orm/pg-core";

/** A value in a statement being built: a parameter, or a placeholder of a shaped statement. */
export type Bound = Param | Placeholder;

/** How a statement builder puts a value into its statement: see `ShapedStatement`. */
export type Bind = (value: unknown) => Bound;

/** Binds values as ordinary parameters: the statement is rendered with them, as any drizzle statement. */
export const asParams: Bind = (value) => sql.param(value);

/** A statement's SQL, built when asked, around values already bound (see `ShapedStatement`). */
export type BuildSql = () => SQL;

/**
 * A statement whose text depends only on its shape — which parts it has — and never on its
 * values, because every value goes in through `bind` (lists as array parameters). The metering
 * hot path sends one large statement per group. Building it with drizzle costs more than its
 * values do (drizzle checks every chunk of every fragment it is given: 80 µs for a usage write,
 * however many events), and rendering it more again; so a shaped statement binds its values first
 * and builds its SQL only when asked, and `renderShaped` asks once per shape and process —
 * afterwards it only collects the values.
 */
export interface ShapedStatement {
  /** Names what the text depends on: two statements with the same shape must have the same text. */
  shape: string;
  /**
   * Binds every value of the statement — here, never in the SQL it returns, and in an order that
   * depends only on the shape — and returns how to build the SQL around them.
   */
  bindValues(bind: Bind): BuildSql;
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

/** What `bind` hands back when only the values are collected: the SQL it would go into is not built. */
const COLLECTED = sql.placeholder("collected");

/**
 * The statement's text and parameters: the text as rendered for its shape the first time, the
 * parameters from this statement's values. Refuses a statement holding a value that was not bound
 * (it would be frozen into every later statement of the shape) and one whose values do not match
 * its shape's (as one that binds a value while building its SQL would, the second time).
 */
export function renderShaped(dialect: PgDialect, statement: ShapedStatement): { sql: string; params: unknown[] } {
  const values: unknown[] = [];
  let rendered = renderedShapes.get(statement.shape);
  if (rendered) {
    statement.bindValues((value) => (values.push(value), COLLECTED));
  } else {
    const buildSql = statement.bindValues((value) => sql.placeholder(String(values.push(value) - 1)));
    rendered = renderShape(dialect, buildSql(), statement.shape);
    renderedShapes.set(statement.shape, rendered);
  }
  if (rendered.values !== values.length) {
    throw new Error(`Shaped statement "${statement.shape}" bound ${values.length} values; its shape has ${rendered.values}`);
  }
  return { sql: rendered.text, params: rendered.slots.map((slot) => values[slot]) };
}

/** The statement with its values as ordinary parameters, built and rendered as any drizzle statement. */
export const withParams = (statement: ShapedStatement): SQL => statement.bindValues(asParams)();

function renderShape(dialect: PgDialect, built: SQL, shape: string): RenderedShape {
  const { sql: text, params } = dialect.sqlToQuery(built);
  const slots = params.map((param) => {
    if (!is(param, Placeholder)) throw new Error(`Shaped statement "${shape}" holds a value that was not bound`);
    return Number(param.name);
  });
  return { text, slots, values: new Set(slots).size };
}
