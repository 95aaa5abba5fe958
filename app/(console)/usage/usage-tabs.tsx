import { Tabs } from "@/app/_components/tabs";

/** The two views of usage: the dashboard (from rollups) and the events behind it. */
export function UsageTabs({ current }: { current: "/usage" | "/usage/events" }) {
  return (
    <Tabs
      label="Usage views"
      current={current}
      tabs={[
        { href: "/usage", label: "Dashboard" },
        { href: "/usage/events", label: "Events" },
      ]}
    />
  );
}
