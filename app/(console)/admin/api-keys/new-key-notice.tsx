import { OneTimeSecret } from "../_components/one-time-secret";

/** The whole key, shown once after creation, with a Copy button. */
export function NewKeyNotice({ name, token }: { name: string; token: string }) {
  return (
    <OneTimeSecret
      title={`API key “${name}” created`}
      explanation={
        <>
          Copy it now and store it in your app&apos;s secrets. <strong>It will not be shown again</strong> — Allot keeps only a hash of it.
        </>
      }
      label="New API key"
      value={token}
    />
  );
}
