-- Usage recorded before the rollups existed: sum it once, the way the write path adds new events
-- (server/usage/rollup-write.ts), hours in UTC and days in each organisation's time zone.
INSERT INTO "allot"."usage_rollups_hourly" (org_id, hour, department_id, project_id, agent_id, user_ref, kind, item, task_type, workflow,
  events, cost_micros, charged_micros, input_tokens, output_tokens, cached_input_tokens, cache_write_tokens, quantity_micros)
SELECT org_id, date_trunc('hour', occurred_at, 'UTC'),
  coalesce(department_id, '00000000-0000-0000-0000-000000000000'), coalesce(project_id, '00000000-0000-0000-0000-000000000000'),
  coalesce(agent_id, '00000000-0000-0000-0000-000000000000'), coalesce(user_ref, ''), kind, item, coalesce(task_type, ''), coalesce(workflow, ''),
  count(*), sum(cost_micros), sum(charged_micros), sum(input_tokens), sum(output_tokens), sum(cached_input_tokens), sum(cache_write_tokens), sum(quantity_micros)
FROM "allot"."usage_events"
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;
--> statement-breakpoint
INSERT INTO "allot"."usage_rollups_daily" (org_id, day, department_id, project_id, agent_id, user_ref, kind, item, task_type, workflow,
  events, cost_micros, charged_micros, input_tokens, output_tokens, cached_input_tokens, cache_write_tokens, quantity_micros)
SELECT e.org_id, (e.occurred_at AT TIME ZONE o.time_zone)::date,
  coalesce(e.department_id, '00000000-0000-0000-0000-000000000000'), coalesce(e.project_id, '00000000-0000-0000-0000-000000000000'),
  coalesce(e.agent_id, '00000000-0000-0000-0000-000000000000'), coalesce(e.user_ref, ''), e.kind, e.item, coalesce(e.task_type, ''), coalesce(e.workflow, ''),
  count(*), sum(e.cost_micros), sum(e.charged_micros), sum(e.input_tokens), sum(e.output_tokens), sum(e.cached_input_tokens), sum(e.cache_write_tokens), sum(e.quantity_micros)
FROM "allot"."usage_events" e JOIN "allot"."organizations" o ON o.id = e.org_id
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;
