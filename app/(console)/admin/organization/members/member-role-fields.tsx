"use client";

import { useState } from "react";
import { SelectField } from "@/app/_components/form/field";
import type { MemberRole } from "@/server/orgs/members";
import { CheckboxGroup } from "../../_components/checkbox-group";
import { NONE_OPTION } from "../../_lib/options";
import { ROLE_OPTIONS } from "../../_lib/roles";

interface MemberRoleFieldsProps {
  departments: { value: string; label: string }[];
  /** The values to start from (the member's current ones, or a refused submission's). */
  role: MemberRole;
  departmentId: string;
  isHead: (departmentId: string) => boolean;
  error: (name: string) => string | undefined;
}

/**
 * Role, home department, and — for department heads only — the departments they are responsible for.
 * Uncontrolled like the rest of the form (key it with the form's resetKey); `role` only decides what is shown.
 */
export function MemberRoleFields({ departments, role: initialRole, departmentId, isHead, error }: MemberRoleFieldsProps) {
  const [role, setRole] = useState(initialRole);
  return (
    <>
      <SelectField
        label="Role"
        name="role"
        options={ROLE_OPTIONS}
        defaultValue={initialRole}
        onChange={(event) => setRole(event.target.value as MemberRole)}
        error={error("role")}
      />
      <SelectField
        label="Department (optional)"
        name="departmentId"
        options={[NONE_OPTION, ...departments]}
        defaultValue={departmentId}
        hint="Where the person works; their own usage is reported there."
        error={error("departmentId")}
      />
      {role === "department_head" && (
        <div className="sm:col-span-2">
          <CheckboxGroup
            legend="Departments they head"
            name="headOfDepartmentIds"
            options={departments}
            checked={isHead}
            hint="At least one. They will see these departments' usage, budgets and returns — and no others."
            error={error("headOfDepartmentIds")}
          />
        </div>
      )}
    </>
  );
}
