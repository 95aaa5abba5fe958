/** How a sibling app calls the API with a key: plain HTTP, and the typed TypeScript client. */
export function ApiUsageSnippet({ origin }: { origin: string }) {
  const curl = `# Read the balance (needs usage:read)
curl -H "Authorization: Bearer $ALLOT_API_KEY" \\
  ${origin}/api/trpc/credits.balance

# Record one model call (needs usage:write); retrying with the same idempotencyKey is safe
curl -X POST -H "Authorization: Bearer $ALLOT_API_KEY" -H "Content-Type: application/json" \\
  -d '{"idempotencyKey":"run-42","model":"gpt-4o-mini","inputTokens":1200,"outputTokens":300}' \\
  ${origin}/api/trpc/usage.record`;
  const typed = `// createAllotClient is in Allot's server/api/client.ts (typed by the router, no server code bundled)
const allot = createAllotClient({ url: "${origin}", apiKey: process.env.ALLOT_API_KEY! });
const balance = await allot.credits.balance.query();
await allot.usage.record.mutate({ idempotencyKey: "run-42", model: "gpt-4o-mini", inputTokens: 1200, outputTokens: 300 });`;
  return (
    <div className="space-y-4 text-sm">
      <p className="text-gray-500 dark:text-gray-400">
        Send the key as <code>Authorization: Bearer &lt;key&gt;</code> (or <code>x-api-key</code>). Queries are GET requests, changes
        are POST with the input as JSON; amounts are integers in micro-credits (1 credit = 1,000,000). A revoked key is refused with
        401 from its next request.
      </p>
      <Snippet title="HTTP (curl)" code={curl} />
      <Snippet title="TypeScript" code={typed} />
    </div>
  );
}

function Snippet({ title, code }: { title: string; code: string }) {
  return (
    <figure>
      <figcaption className="mb-1 text-xs font-medium uppercase tracking-wide text-gray-500">{title}</figcaption>
      <pre tabIndex={0} className="overflow-x-auto rounded-md bg-gray-900 p-4 font-mono text-xs leading-relaxed text-gray-100 dark:bg-black">
        <code>{code}</code>
      </pre>
    </figure>
  );
}
