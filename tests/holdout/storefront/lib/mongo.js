import mongoose from 'mongoose'

let cached = global.mongoose || { conn: null }

export async function connect() {
  if (!cached.conn) cached.conn = await mongoose.connect(process.env.MONGODB_URI)
  global.mongoose = cached
  return cached.conn
}
