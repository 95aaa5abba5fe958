"use client";

import { usePathname } from "next/navigation";
import { Tabs } from "@/app/_components/tabs";

/** Sub-pages of one admin area, as tabs; the current one follows the path. */
export function SectionTabs({ label, tabs }: { label: string; tabs: { href: string; label: string }[] }) {
  return <Tabs label={label} tabs={tabs} current={usePathname()} className="mb-6" />;
}
