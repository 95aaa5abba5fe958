import { OneTimeSecret } from "../_components/one-time-secret";

/** The endpoint's signing secret, right after it was created or rotated. */
export function SecretNotice({ secret, rotated = false }: { secret: string; rotated?: boolean }) {
  return (
    <OneTimeSecret
      title={rotated ? "New signing secret" : "Endpoint registered"}
      explanation={
        <>
          Give this signing secret to the receiving app; it verifies each delivery&apos;s <code>Allot-Signature</code> with it.{" "}
          <strong>It will not be shown again</strong>
          {rotated ? "; the old one signs alongside it only for the time you chose." : "."}
        </>
      }
      label="Signing secret"
      value={secret}
    />
  );
}
