import { z } from "zod";
import { actorOf } from "../../auth/principal";
import { createAgent, listAgents, updateAgent } from "../../orgs/agents";
import { createDepartment, listDepartments, updateDepartment } from "../../orgs/departments";
import { addMember, listMembers, listMemberships, MEMBER_ROLES, removeMember, updateMember } from "../../orgs/members";
import { getOrganization, isValidTimeZone, updateOrganizationSettings } from "../../orgs/organizations";
import { createProject, listProjects, updateProject } from "../../orgs/projects";
import { adminProcedure, createTRPCRouter, memberProcedure } from "../trpc";

const slug = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, "lower-case letters, digits, . _ - (up to 63)");
const name = z.string().trim().min(1).max(100);
const role = z.enum(MEMBER_ROLES);

export const orgRouter = createTRPCRouter({
  get: memberProcedure.query(({ ctx }) => getOrganization(ctx.db, ctx.principal.orgId)),

  /** The organisations the signed-in person belongs to, for the switcher. */
  memberships: memberProcedure.query(({ ctx }) => listMemberships(ctx.db, ctx.principal.userId)),

  updateSettings: adminProcedure
    .input(
      z.object({
        name: name.optional(),
        timeZone: z.string().refine(isValidTimeZone, "an IANA time zone such as Europe/Paris").optional(),
        currency: z.string().regex(/^[A-Z]{3}$/, "an ISO 4217 code such as USD").optional(),
        creditPriceMinorPerMillion: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
        /** Alert when the available balance falls below this many micro-credits; null turns the alert off. */
        lowBalanceThresholdMicros: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable().optional(),
      }),
    )
    .mutation(({ ctx, input }) => updateOrganizationSettings(ctx.db, ctx.principal.orgId, actorOf(ctx.principal), input)),

  departments: memberProcedure.query(({ ctx }) => listDepartments(ctx.db, ctx.principal.orgId)),
  createDepartment: adminProcedure
    .input(z.object({ slug, name }))
    .mutation(({ ctx, input }) => createDepartment(ctx.db, { orgId: ctx.principal.orgId, actor: actorOf(ctx.principal), ...input })),
  updateDepartment: adminProcedure
    .input(z.object({ id: z.uuid(), name: name.optional(), archived: z.boolean().optional() }))
    .mutation(({ ctx, input }) => updateDepartment(ctx.db, { orgId: ctx.principal.orgId, actor: actorOf(ctx.principal), ...input })),

  projects: memberProcedure.query(({ ctx }) => listProjects(ctx.db, ctx.principal.orgId)),
  createProject: adminProcedure
    .input(z.object({ slug, name, departmentId: z.uuid().nullish() }))
    .mutation(({ ctx, input }) => createProject(ctx.db, { orgId: ctx.principal.orgId, actor: actorOf(ctx.principal), ...input })),
  updateProject: adminProcedure
    .input(z.object({ id: z.uuid(), name: name.optional(), departmentId: z.uuid().nullish(), archived: z.boolean().optional() }))
    .mutation(({ ctx, input }) => updateProject(ctx.db, { orgId: ctx.principal.orgId, actor: actorOf(ctx.principal), ...input })),

  agents: memberProcedure.query(({ ctx }) => listAgents(ctx.db, ctx.principal.orgId)),
  createAgent: adminProcedure
    .input(z.object({ slug, name, departmentId: z.uuid(), projectId: z.uuid().nullish(), description: z.string().max(500).optional() }))
    .mutation(({ ctx, input }) => createAgent(ctx.db, { orgId: ctx.principal.orgId, actor: actorOf(ctx.principal), ...input })),
  updateAgent: adminProcedure
    .input(
      z.object({
        id: z.uuid(),
        name: name.optional(),
        departmentId: z.uuid().optional(),
        projectId: z.uuid().nullish(),
        description: z.string().max(500).nullish(),
        archived: z.boolean().optional(),
      }),
    )
    .mutation(({ ctx, input }) => updateAgent(ctx.db, { orgId: ctx.principal.orgId, actor: actorOf(ctx.principal), ...input })),

  members: adminProcedure.query(({ ctx }) => listMembers(ctx.db, ctx.principal.orgId)),
  addMember: adminProcedure
    .input(
      z.object({
        email: z.email(),
        name,
        role,
        departmentId: z.uuid().nullish(),
        headOfDepartmentIds: z.array(z.uuid()).max(50).optional(),
      }),
    )
    .mutation(({ ctx, input }) => addMember(ctx.db, { orgId: ctx.principal.orgId, actor: actorOf(ctx.principal), ...input })),
  updateMember: adminProcedure
    .input(
      z.object({
        memberId: z.uuid(),
        role: role.optional(),
        departmentId: z.uuid().nullish(),
        headOfDepartmentIds: z.array(z.uuid()).max(50).optional(),
      }),
    )
    .mutation(({ ctx, input }) => updateMember(ctx.db, { orgId: ctx.principal.orgId, actor: actorOf(ctx.principal), ...input })),
  removeMember: adminProcedure
    .input(z.object({ memberId: z.uuid() }))
    .mutation(({ ctx, input }) => removeMember(ctx.db, { orgId: ctx.principal.orgId, actor: actorOf(ctx.principal), ...input })),
});
