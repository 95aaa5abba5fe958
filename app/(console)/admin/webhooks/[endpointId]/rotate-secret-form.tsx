"use client";

import { ActionButton } from "../../_components/action-button";
import { useState } from "react";
import type { ActionResult } from "@/app/_lib/action-result";
import { rotateSecret, type RevealedSecret } from "../actions";
import { SecretNotice } from "../secret-notice";

/** Rotate (after a confirmation), then show the new secret once. */
export function RotateSecretForm({ endpointId, hint }: { endpointId: string; hint: string }) {
  const [revealed, setRevealed] = useState<string | undefined>();
  const rotate = async (previous: ActionResult, formData: FormData): Promise<ActionResult> => {
    const result = await rotateSecret(previous as ActionResult<RevealedSecret>, formData);
    if (result.ok) setRevealed(result.data?.secret);
    return result.ok ? { ok: true } : result;
  };
  return (
    <div className="space-y-4">
      <p className="text-sm">
        The current secret ends in <code className="font-mono">…{hint}</code>.
      </p>
      {revealed && <SecretNotice secret={revealed} rotated />}
      <ActionButton
        action={rotate}
        fields={{ endpointId }}
        label="Rotate secret"
        pendingLabel="Rotating…"
        confirm={{ question: "The current secret stops verifying at once; update the receiving app right after.", confirmLabel: "Rotate now" }}
      />
    </div>
  );
}
