import GithubProvider from "next-auth/providers/github";

interface GithubEmail {
  email: string;
  primary: boolean;
  verified: boolean;
}

/**
 * GitHub sign-in whose e-mail is the account's verified primary address (next-auth's default falls
 * back to the primary address whether or not it is verified), so e-mail matching can trust it.
 */
export function githubProvider(clientId: string, clientSecret: string) {
  return GithubProvider({
    clientId,
    clientSecret,
    userinfo: {
      url: "https://api.github.com/user",
      async request({ client, tokens }) {
        const profile = await client.userinfo(tokens.access_token!);
        const response = await fetch("https://api.github.com/user/emails", { headers: { Authorization: `token ${tokens.access_token}` } });
        const emails = response.ok ? ((await response.json()) as GithubEmail[]) : [];
        const verified = emails.find((email) => email.primary && email.verified);
        return { ...profile, email: verified?.email, email_verified: Boolean(verified) };
      },
    },
  });
}
