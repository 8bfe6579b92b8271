'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { getSession } from '@/lib/auth'
import { db } from '@/lib/db'

// expect: clean
export const submitFeedback = async (prevState, formData) => {
  const message = String(formData.get('message') || '').trim()
  if (message.length < 5) {
    return { ...prevState, error: 'Tell us a little more.' }
  }
  await db.feedback.create({
    data: { message: message.slice(0, 2000), page: String(formData.get('page') || '/') },
  })
  return { error: null, sent: true }
}

// expect: auth-after-mutation
export const publishSurvey = async (surveyId) => {
  const survey = await db.survey.update({
    where: { id: surveyId },
    data: { publishedAt: new Date(), isPublic: true },
    select: { id: true, ownerId: true },
  })

  const session = await getSession()
  if (!session || session.userId !== survey.ownerId) {
    await db.survey.update({ where: { id: surveyId }, data: { publishedAt: null, isPublic: false } })
    return { error: 'Not allowed' }
  }

  revalidatePath(`/surveys/${surveyId}`)
  redirect(`/surveys/${surveyId}`)
}

// expect: missing-authz
export const deleteSurveyResponse = async (responseId) => {
  const session = await getSession()
  if (!session) return { error: 'Not signed in' }

  await db.surveyResponse.delete({ where: { id: responseId } })
  revalidatePath('/surveys')
  return { error: null }
}

// expect: unchecked-session
export const closeSurvey = async function (surveyId) {
  const session = await getSession()
  if (!session) {
    console.log('closeSurvey called without a session')
  }

  await db.survey.updateMany({
    where: { id: surveyId, ownerId: session?.userId },
    data: { closedAt: new Date() },
  })
  revalidatePath(`/surveys/${surveyId}`)
}

// expect: clean
export const submitSurveyAnswer = async (surveyId, prevState, formData) => {
  const survey = await db.survey.findFirst({
    where: { id: surveyId, closedAt: null, isPublic: true },
    select: { id: true },
  })
  if (!survey) return { error: 'This survey is closed' }

  await db.surveyResponse.create({
    data: { surveyId: survey.id, answers: Object.fromEntries(formData) },
  })
  return { error: null, done: true }
}
