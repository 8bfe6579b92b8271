import 'server-only'
import { db } from '@/lib/db'

export async function deleteNoteRecord(id) {
  return db.note.delete({ where: { id } })
}

export async function updateNoteRecord(id, ownerId, data) {
  return db.note.updateMany({ where: { id, ownerId }, data })
}
