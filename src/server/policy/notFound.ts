import { notFound } from '../errors.ts';

// The objects whose existence the policy hides from whoever may not reach them. Each answers the
// same 404 whether it does not exist or lies outside the asker's scope, so ids reveal nothing;
// their modules throw these same errors for a missing row.

export const lessonNotFound = () => notFound('lesson', 'Урок не найден');
export const groupNotFound = () => notFound('teaching_group', 'Группа не найдена');
export const classNotFound = () => notFound('class', 'Класс не найден');
export const homeworkNotFound = () => notFound('homework', 'Домашнее задание не найдено');
export const studentNotFound = () => notFound('student', 'Обучающийся не найден');
export const guardianNotFound = () => notFound('guardian', 'Законный представитель не найден');
export const accountNotFound = () => notFound('account', 'Учётная запись не найдена');
