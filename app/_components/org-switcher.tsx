"use client";

import { useId } from "react";
import { useFormStatus } from "react-dom";
import { switchOrganization } from "@/app/(console)/switch-organization";

function Choice({ current, organizations }: { current: string; organizations: { orgId: string; name: string }[] }) {
  const id = useId();
  const { pending } = useFormStatus();
  return (
    <>
      <label htmlFor={id} className="sr-only">
        Organisation
      </label>
      <select
        id={id}
        name="orgId"
        defaultValue={current}
        disabled={pending}
        aria-busy={pending}
        onChange={(event) => event.currentTarget.form?.requestSubmit()}
        className="block w-full rounded-md border border-gray-300 bg-white px-2 py-1 text-sm dark:border-gray-700 dark:bg-gray-900"
      >
        {organizations.map((org) => (
          <option key={org.orgId} value={org.orgId}>
            {org.name}
          </option>
        ))}
      </select>
      <noscript>
        <button type="submit" className="mt-1 text-sm underline">
          Switch
        </button>
      </noscript>
    </>
  );
}

/** For people in several organisations: which one the console shows. */
export function OrgSwitcher({ current, organizations }: { current: string; organizations: { orgId: string; name: string }[] }) {
  return (
    <form action={switchOrganization} aria-label="Switch organisation" className="mt-1">
      <Choice current={current} organizations={organizations} />
    </form>
  );
}
