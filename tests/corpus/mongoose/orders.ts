"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { Types } from "mongoose";
import { z } from "zod";

import { auth } from "@/auth";
import dbConnect from "@/lib/dbConnect";
import Order from "@/models/Order";
import Product from "@/models/Product";

const lineItem = z.object({ productId: z.string(), quantity: z.number().int().min(1).max(20) });

// expect: clean
export async function placeOrder(items: z.infer<typeof lineItem>[]) {
  const session = await auth();
  if (!session?.user?.id) redirect("/login?next=/checkout");

  const parsed = z.array(lineItem).min(1).parse(items);
  await dbConnect();

  const products = await Product.find(
    { _id: { $in: parsed.map((i) => new Types.ObjectId(i.productId)) } },
    { priceCents: 1 },
  ).lean();
  const priceOf = new Map(products.map((p) => [String(p._id), p.priceCents]));

  const order = new Order({
    userId: session.user.id,
    items: parsed.map((i) => ({ ...i, unitPriceCents: priceOf.get(i.productId) ?? 0 })),
    status: "pending",
  });
  await order.save();

  redirect(`/orders/${order._id}`);
}

// expect: clean
export async function cancelOrder(orderId: string) {
  const session = await auth();
  if (!session?.user?.id) throw new Error("Unauthorized");

  await dbConnect();
  const order = await Order.findOneAndUpdate(
    { _id: orderId, userId: session.user.id, status: "pending" },
    { $set: { status: "cancelled", cancelledAt: new Date() } },
    { new: true },
  );
  if (!order) return { error: "Order can no longer be cancelled" };

  revalidatePath("/orders");
  return { ok: true };
}

// expect: missing-authz
export async function markOrderShipped(orderId: string, trackingNumber: string) {
  const session = await auth();
  if (!session) throw new Error("Unauthorized");

  await dbConnect();
  await Order.findByIdAndUpdate(orderId, {
    $set: { status: "shipped", trackingNumber, shippedAt: new Date() },
  });
  revalidatePath("/admin/orders");
}

// expect: missing-authn
export async function getOrder(orderId: string) {
  await dbConnect();
  const order = await Order.findById(orderId).lean();
  if (!order) return null;
  return JSON.parse(JSON.stringify(order));
}

// expect: client-identity
export async function addOrderNote(formData: FormData) {
  const session = await auth();
  if (!session) throw new Error("Unauthorized");

  await dbConnect();
  const order = await Order.findById(formData.get("orderId"));
  if (!order) throw new Error("Order not found");
  if (String(order.userId) !== formData.get("customerId")) {
    throw new Error("Not your order");
  }

  order.notes.push({ body: String(formData.get("note") ?? "").slice(0, 1000), at: new Date() });
  await order.save();
  revalidatePath(`/orders/${order._id}`);
}
