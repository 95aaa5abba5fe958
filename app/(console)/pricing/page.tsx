import { Card, Metric, Text } from "@tremor/react";
import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/app/_components/empty-state";
import { ExportLink } from "@/app/_components/filters/export-link";
import { FilterForm } from "@/app/_components/filters/filter-form";
import { param, type SearchParams } from "@/app/_components/filters/search-params";
import { Field } from "@/app/_components/form/field";
import { PageHeader } from "@/app/_components/page-header";
import { formatCreditsAsMoney, formatDateTime } from "@/app/_lib/format";
import { requireMember, serverApi } from "@/server/api/server";
import { EstimateForm } from "./estimate-form";
import { OutputPriceChart } from "./output-price-chart";
import { ModelRatesTable, OperationRatesTable } from "./rate-tables";

export const metadata: Metadata = { title: "Pricing" };

/** A full LiteLLM import prices thousands of models; the chart shows the dearest of those listed. */
const CHART_MODELS = 15;

export default async function PricingPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const member = await requireMember();
  const api = await serverApi();
  const [org, catalog, params] = await Promise.all([api.org.get(), api.pricing.list(), searchParams]);
  const { current, upcoming } = catalog;
  const price = { currency: catalog.currency, creditPriceMinorPerMillion: catalog.creditPriceMinorPerMillion };
  const search = param(params, "model");
  const models = (current?.models ?? []).filter(
    (m) => !search || `${m.model} ${m.provider}`.toLowerCase().includes(search.toLowerCase()),
  );
  const dearest = [...models].sort((a, b) => b.outputMicrosPerMillionTokens - a.outputMicrosPerMillionTokens).slice(0, CHART_MODELS);

  return (
    <>
      <PageHeader
        title="Pricing"
        description="What every model and platform operation costs in credits, and what a credit costs."
        actions={current && <ExportLink href="/pricing/export" />}
      />
      <div className="grid gap-4 sm:grid-cols-3">
        <Card>
          <Text>Credit price</Text>
          <Metric data-testid="credit-price">1 credit = {formatCreditsAsMoney(1_000_000, price.creditPriceMinorPerMillion, price.currency, 4)}</Metric>
          <Text>List price in {price.currency}; 1,000 credits = {formatCreditsAsMoney(1_000_000_000, price.creditPriceMinorPerMillion, price.currency)}</Text>
        </Card>
        <Card>
          <Text>Price book in force</Text>
          <Metric>{current ? `Version ${current.version}` : "None"}</Metric>
          <Text>{current ? `Since ${formatDateTime(current.effectiveFrom, org.timeZone)} (${org.timeZone})` : "No version has been published yet"}</Text>
        </Card>
        <Card>
          <Text>Next version</Text>
          <Metric>{upcoming ? `Version ${upcoming.version}` : "None scheduled"}</Metric>
          <Text>{upcoming ? `Takes effect ${formatDateTime(upcoming.effectiveFrom, org.timeZone)}` : "Prices change only when a new version is published"}</Text>
        </Card>
      </div>

      {!current ? (
        <div className="mt-8">
          <EmptyState title="No prices yet">
            Usage cannot be priced until an administrator publishes a price book
            {member.role === "admin" && (
              <>
                {" "}
                on the{" "}
                <Link href="/admin/price-book" className="text-blue-600 hover:underline dark:text-blue-400">
                  Price book
                </Link>{" "}
                page
              </>
            )}
            .
          </EmptyState>
        </div>
      ) : (
        <>
          <Section id="models" title="Models" description={`Credits per 1M tokens, with the ${price.currency} equivalent at the list price. Cached input and cache writes without their own rate are billed at the input rate.`}>
            <FilterForm key={search} action="/pricing" clearHref="/pricing" canClear={Boolean(search)}>
              <Field label="Model or provider" name="model" defaultValue={search} placeholder="e.g. gpt-4o or anthropic" />
            </FilterForm>
            {models.length === 0 ? (
              <EmptyState title={search ? `No model matches “${search}”` : "No models are priced in this version"} />
            ) : (
              <ModelRatesTable models={models} version={current} price={price} />
            )}
          </Section>
          <Section id="operations" title="Platform operations" description="Credits per unit.">
            {current.operations.length === 0 ? (
              <EmptyState title="No operations are priced in this version" />
            ) : (
              <OperationRatesTable version={current} price={price} />
            )}
          </Section>
          <div className="grid gap-x-8 xl:grid-cols-2">
            <Section id="estimate" title="Estimate a cost" description="Priced with the version in force now, exactly as usage would be.">
              <Card>
                <EstimateForm
                  price={price}
                  choices={[
                    ...current.models.map((m) => ({ value: `model:${m.model}`, label: `Model · ${m.model}` })),
                    ...current.operations.map((o) => ({ value: `operation:${o.operation}`, label: `Operation · ${o.operation}`, unit: o.unit })),
                  ]}
                />
              </Card>
            </Section>
            {dearest.length > 0 && (
              <Section
                id="output-chart"
                title="Output tokens by model"
                description={`Credits per 1M output tokens, dearest first${models.length > CHART_MODELS ? ` (the ${CHART_MODELS} dearest of ${models.length})` : ""}.`}
              >
                <Card>
                  <OutputPriceChart data={dearest.map((m) => ({ model: m.model, credits: m.outputMicrosPerMillionTokens / 1_000_000 }))} />
                </Card>
              </Section>
            )}
          </div>
        </>
      )}
    </>
  );
}

function Section({ id, title, description, children }: { id: string; title: string; description: string; children: React.ReactNode }) {
  return (
    <section className="mt-8" aria-labelledby={id}>
      <h2 id={id} className="text-lg font-medium">
        {title}
      </h2>
      <p className="mb-2 text-sm text-gray-500 dark:text-gray-400">{description}</p>
      {children}
    </section>
  );
}
