import type {
  BoardDetail,
  BoardSummary,
  CreateBoardBody,
  CreateForumBody,
  ExportFormat,
  ForumSummary,
  JoinForumBody,
  JoinResult,
  LoginBody,
  SessionInfo,
} from '@cocon/shared';
import { http } from './http';

/** One typed function per REST route of the contract. */
export const api = {
  session: () => http.get<SessionInfo>('/session'),
  login: (body: LoginBody) => http.post<SessionInfo>('/auth/login', body),
  logout: () => http.post<undefined>('/auth/logout'),
  joinForum: (body: JoinForumBody) => http.post<JoinResult>('/forums/join', body),
  forums: () => http.get<ForumSummary[]>('/forums'),
  forum: (forumId: string) => http.get<ForumSummary>(`/forums/${encodeURIComponent(forumId)}`),
  createForum: (body: CreateForumBody) => http.post<ForumSummary>('/forums', body),
  createBoard: (forumId: string, body: CreateBoardBody) =>
    http.post<BoardSummary>(`/forums/${encodeURIComponent(forumId)}/boards`, body),
  board: (boardId: string) => http.get<BoardDetail>(`/boards/${encodeURIComponent(boardId)}`),
};

/** A plain link (the browser downloads with the session cookie). */
export const exportUrl = (boardId: string, format: ExportFormat): string =>
  `/api/boards/${encodeURIComponent(boardId)}/export?format=${format}`;
