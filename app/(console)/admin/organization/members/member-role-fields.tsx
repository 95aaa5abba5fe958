"use client";

import { useState } from "react";
import { SelectField } from "@/app/_components/form/field";
import type { useFormAction } from "@/app/_components/form/use-form-action";
import type { MemberRole } from "@/server/orgs/members";
import { CheckboxGroup } from "../../_components/checkbox-group";
import { NONE_OPTION } from "../../_lib/options";
import { ROLE_OPTIONS } from "../../_lib/roles";

interface MemberRoleFieldsProps {
  departments: { value: string; label: string }[];
  form: Pick<ReturnType<typeof useFormAction<never>>, "field" | "value" | "checked" | "error">;
  /** The member's current values, when editing one; a new member starts as a plain member. */
  current?: { role: MemberRole; departmentId: string | null; headOf: string[] };
}

/**
 * Role, home department, and — for department heads only — the departments they are responsible for.
 * Uncontrolled like the rest of the form (key it with the form's resetKey); `role` only decides what is shown.
 */
export function MemberRoleFields({ departments, form, current }: MemberRoleFieldsProps) {
  const initialRole = (form.value("role", current?.role) || "member") as MemberRole;
  const [role, setRole] = useState(initialRole);
  return (
    <>
      <SelectField
        label="Role"
        name="role"
        options={ROLE_OPTIONS}
        defaultValue={initialRole}
        onChange={(event) => setRole(event.target.value as MemberRole)}
        error={form.error("role")}
      />
      <SelectField
        label="Department (optional)"
        {...form.field("departmentId", current?.departmentId ?? "")}
        options={[NONE_OPTION, ...departments]}
        hint="Where the person works; their own usage is reported there."
      />
      {role === "department_head" && (
        <div className="sm:col-span-2">
          <CheckboxGroup
            legend="Departments they head"
            name="headOfDepartmentIds"
            options={departments}
            checked={(id) => form.checked("headOfDepartmentIds", id, current?.headOf.includes(id) ?? false)}
            hint="At least one. They will see these departments' usage, budgets and returns — and no others."
            error={form.error("headOfDepartmentIds")}
          />
        </div>
      )}
    </>
  );
}
