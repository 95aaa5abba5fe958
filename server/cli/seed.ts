import { seedDemo } from "../../db/seed/demo";
import { runCli } from "./run-cli";

await runCli(async (db) => {
  await seedDemo(db);
});
