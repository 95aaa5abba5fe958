"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/app/_components/form/action-message";
import { SubmitButton } from "@/app/_components/form/submit-button";
import { initialActionResult } from "@/app/_lib/action-result";
import { acceptAsSignedIn } from "./actions";

export function AcceptForm({ token, email }: { token: string; email: string }) {
  const [result, action] = useActionState(acceptAsSignedIn.bind(null, token), initialActionResult);
  return (
    <form action={action} className="space-y-3">
      <SubmitButton pendingLabel="Joining…">Accept as {email}</SubmitButton>
      <ActionMessage result={result} />
    </form>
  );
}
