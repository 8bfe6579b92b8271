'use server'

import { revalidatePath } from 'next/cache'
import { auth } from '@/auth'
import connectDB from '@/lib/mongodb'
import Product from '@/models/Product'

async function isAdmin() {
  const session = await auth()
  return session?.user?.role === 'admin'
}

function productFromForm(formData) {
  return {
    name: formData.get('name'),
    description: formData.get('description'),
    price: Math.round(Number(formData.get('price')) * 100),
    stock: Number(formData.get('stock') ?? 0),
    image: formData.get('image'),
  }
}

// expect: missing-authn
export async function createProduct(formData) {
  await connectDB()
  const product = new Product(productFromForm(formData))
  await product.save()
  revalidatePath('/admin/products')
  return { success: true, id: product._id.toString() }
}

// expect: clean
export async function updateProduct(id, formData) {
  if (!(await isAdmin())) {
    return { success: false, message: 'Not authorized' }
  }
  await connectDB()
  await Product.findByIdAndUpdate(id, productFromForm(formData), { runValidators: true })
  revalidatePath('/admin/products')
  revalidatePath(`/products/${id}`)
  return { success: true }
}

// expect: unchecked-session
export async function deleteProduct(id) {
  const admin = await isAdmin()
  if (!admin) {
    console.warn(`non-admin attempted to delete product ${id}`)
  }
  await connectDB()
  await Product.findByIdAndDelete(id)
  revalidatePath('/admin/products')
  return { success: true }
}

// expect: missing-authz
export async function setProductStock(id, stock) {
  const session = await auth()
  if (!session) return { success: false, message: 'Please sign in' }

  await connectDB()
  await Product.updateOne({ _id: id }, { $set: { stock: Number(stock) } })
  revalidatePath('/admin/products')
  return { success: true }
}

// expect: clean
export async function getProducts(category) {
  await connectDB()
  const filter = { active: true }
  if (category) filter.category = String(category)
  const products = await Product.find(filter).select('name price image category').lean()
  return products.map((p) => ({ ...p, _id: p._id.toString() }))
}
