'use server'

import { ObjectId } from 'mongodb'
import { revalidatePath } from 'next/cache'
import clientPromise from '@/lib/mongodb'

/**
 * Form action behind the status / assignee dropdowns on /issues/[id].
 * @param {FormData} formData
 */
// expect: missing-authn
export default async function (formData) {
  const client = await clientPromise
  const issues = client.db('tracker').collection('issues')

  const issueId = formData.get('issueId')
  await issues.updateOne(
    { _id: new ObjectId(String(issueId)) },
    { $set: { status: formData.get('status'), assignee: formData.get('assignee') } },
  )

  revalidatePath('/issues')
}
