import { migrate } from "../../db/migrate";
import { env } from "../env";
import { openDevDatabase } from "./dev-database";

const { url, stop } = await openDevDatabase((line) => console.error(line));
try {
  const { applied } = await migrate(url, env.ALLOT_DB_SCHEMA);
  console.log(applied.length > 0 ? `Applied: ${applied.join(", ")}` : "The database is up to date.");
} finally {
  await stop();
}
