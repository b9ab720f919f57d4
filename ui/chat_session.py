"""One browser session's chat, kept on the server: its messages, the questions waiting to be
answered and its follow-up context (the Conversation).

Why on the server: a question may be sent while another is being answered. It goes into
`pending` at once (its bubble and a "排队中" note appear), and the one worker answering this
session takes it when the current answer is done; the worker shows `messages` after every
step, so a waiting bubble is never overwritten by an older copy of the chat.

`epoch` grows on 停止 and 清空对话: a worker of an older epoch that is still finishing a step
in its thread changes nothing any more. No gradio here: unit-tested on its own."""

from __future__ import annotations

import threading
from collections import OrderedDict, deque
from dataclasses import dataclass, field

THINKING = "正在查找资料…"
QUEUED = "（已排队）前面的问题回答完后自动回答（可点「停止」中止正在生成的回答）。"
STOPPED = "（已停止回答）"
CURSOR = " ▌"  # ends an answer's text while it streams
CUT = "（页面刷新或关闭，回答中断；再次打开页面时将重新回答）"
MAX_SESSIONS = 200


@dataclass
class Slot:
    """A question waiting for its answer, and the messages its answer takes in the chat (one
    while it waits or streams; the answer and its sources when done)."""

    question: str
    messages: list[dict]


@dataclass
class ChatSession:
    messages: list[dict] = field(default_factory=list)
    pending: deque[Slot] = field(default_factory=deque)
    conversation: object | None = None
    busy: bool = False  # a worker is answering this session's questions
    epoch: int = 0
    current: Slot | None = None  # the question being answered
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def shown(self) -> list[dict]:
        """A copy of the messages to show (gradio may hold on to what it is given)."""
        with self.lock:
            return [dict(m) for m in self.messages]

    def add(self, question: str) -> Slot:
        """The question's bubble and its answer's place, at the end of the chat."""
        with self.lock:
            ahead = len(self.pending) + (1 if self.busy else 0)
            note = QUEUED if ahead else THINKING
            slot = Slot(question, [{"role": "assistant", "content": note}])
            self.messages += [{"role": "user", "content": question}, *slot.messages]
            self.pending.append(slot)
            return slot

    def start_worker(self) -> int | None:
        """The epoch to work in, or None when a worker is already answering."""
        with self.lock:
            if self.busy:
                return None
            self.busy = True
            return self.epoch

    def next_slot(self, epoch: int) -> Slot | None:
        """The next question for the worker of `epoch`; None ends the worker (and frees the
        session for the next one) when nothing waits or the epoch has passed."""
        with self.lock:
            if epoch != self.epoch:
                return None
            if not self.pending:
                self.busy = False
                self.current = None
                return None
            self.current = self.pending.popleft()
            return self.current

    def put(self, epoch: int, slot: Slot, messages: list[dict]) -> bool:
        """Replace the slot's message with `messages` (a draft, or the answer and its sources);
        False when the epoch has passed (the worker must stop)."""
        with self.lock:
            return epoch == self.epoch and self._replace(slot, messages)

    def _replace(self, slot: Slot, messages: list[dict]) -> bool:
        at = next((i for i, m in enumerate(self.messages) if m is slot.messages[0]), None)
        if at is None:
            return False
        new = [dict(m) for m in messages]
        self.messages[at:at + len(slot.messages)] = new
        slot.messages = new
        return True

    def release(self, epoch: int) -> None:
        """The worker of `epoch` ended without finishing (its page was closed or reloaded and
        gradio cancelled it): the session is free again and the question it was answering
        goes back to the head of the queue, for the next worker (the reloaded page's)."""
        with self.lock:
            if epoch != self.epoch or not self.busy:
                return
            self.busy = False
            if self.current is not None:
                self._replace(self.current, [{"role": "assistant", "content": CUT}])
                self.pending.appendleft(self.current)
                self.current = None

    def stop(self) -> None:
        """Stop the running answer: the text streamed so far stays, marked as stopped (a
        status note such as 正在查找资料… becomes the mark alone); waiting questions stay
        queued and a new worker answers them."""
        with self.lock:
            self.epoch += 1
            self.busy = False
            if self.current is not None:
                self._replace(self.current, [{"role": "assistant", "content": stopped(self.current)}])
                self.current = None

    def clear(self) -> None:
        """Forget everything: messages, waiting questions and the follow-up context."""
        with self.lock:
            self.epoch += 1
            self.busy = False
            self.current = None
            self.messages = []
            self.pending.clear()
            self.conversation = None


def stopped(slot: Slot) -> str:
    """The stopped answer's message: its streamed text (the cursor ending it removed) and
    the mark, or the mark alone when nothing had been streamed."""
    text = str(slot.messages[0].get("content") or "") if len(slot.messages) == 1 else ""
    if not text.endswith(CURSOR.strip()):
        return STOPPED
    text = text.removesuffix(CURSOR.strip()).rstrip()
    return f"{text}\n\n{STOPPED}" if text else STOPPED


class ChatSessions:
    """The sessions by browser session id; the least recently used go beyond MAX_SESSIONS."""

    def __init__(self, limit: int = MAX_SESSIONS) -> None:
        self._sessions: OrderedDict[str, ChatSession] = OrderedDict()
        self._lock = threading.Lock()
        self.limit = limit

    def get(self, key: str) -> ChatSession:
        with self._lock:
            session = self._sessions.pop(key, None) or ChatSession()
            self._sessions[key] = session
            while len(self._sessions) > self.limit:
                self._sessions.popitem(last=False)
            return session

    def adopt(self, old: str, new: str) -> None:
        """`new` names the chat under `old` when that one has begun (so nothing asked under
        the old key is lost)."""
        with self._lock:
            session = self._sessions.get(old)
            if session is not None and session.messages:
                self._sessions[new] = session

    def drop(self, key: str) -> None:
        with self._lock:
            self._sessions.pop(key, None)

    def __len__(self) -> int:
        return len(self._sessions)
