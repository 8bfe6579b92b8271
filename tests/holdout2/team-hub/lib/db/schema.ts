import { pgTable, text, timestamp, uuid, integer, primaryKey } from "drizzle-orm/pg-core";

export const orgs = pgTable("orgs", {
  clerkOrgId: text("clerk_org_id").primaryKey(),
  name: text("name").notNull(),
  stripeSubscriptionId: text("stripe_subscription_id"),
  stripeSubscriptionItemId: text("stripe_subscription_item_id"),
  seats: integer("seats").notNull().default(1),
});

export const projects = pgTable("projects", {
  id: uuid("id").primaryKey().defaultRandom(),
  orgId: text("org_id").notNull(),
  name: text("name").notNull(),
  status: text("status").notNull().default("active"),
  createdBy: text("created_by").notNull(),
  createdAt: timestamp("created_at").defaultNow().notNull(),
});

export const projectMembers = pgTable(
  "project_members",
  {
    projectId: uuid("project_id").notNull(),
    userId: text("user_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.userId] })],
);
