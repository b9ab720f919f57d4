"""问答 tab: a streaming chat with sources under each answer, follow-ups and examples.

The chat of each browser session lives on the server (`chat_session`): a question sent while
another is answered is queued visibly and answered in turn; 停止 ends the running answer;
清空对话 forgets the chat and its follow-up context."""

from __future__ import annotations

import threading
import time
import uuid
from collections import OrderedDict
from dataclasses import replace

import gradio as gr

from assistant.answer.types import Answer
from assistant.index.records import ReportRecord

from .chat_session import CURSOR, THINKING, ChatSession, ChatSessions, Slot
from .format import answer_messages, friendly_error, short_label
from .notify import error, info

THINKING_LLM = "正在检索并生成回答（首次使用需加载本地模型，请稍候）…"
MAX_API_CONVERSATIONS = 200
# answers served at once: figure answers take milliseconds and need not wait behind a model
# answer; the model itself generates one answer at a time (its own lock), the rest queue there
ASK_LIMIT = 4
FOLLOW_EVERY, FOLLOW_FOR = 0.3, 900.0  # seconds: how often, how long a reloaded page follows
LOCAL = "local"  # the session of a call without a browser request (tests, scripts)


def example_questions(reports: list[ReportRecord]) -> list[str]:
    """Questions that work on the reports indexed now, each from an empty chat (no
    follow-up such as "…呢？": it has nothing to follow)."""
    reports = [r for r in reports if r.year]
    if not reports:
        return ["比较各部门的预算执行率", "各部门存在的主要问题有哪些？"]
    first = reports[0]
    last = reports[-1]
    a = short_label(first.department, None) + f"{first.year}年"
    b = short_label(last.department, None) + f"{last.year}年"
    questions = [f"{a}基本支出有多少？", "比较各部门的预算执行率", f"{b}存在的主要问题有哪些？"]
    if len(reports) > 1:
        other = short_label(reports[1].department, None) + f"{reports[1].year}年"
        questions += [f"{a}的执行率是多少？", f"{other}的自评得分是多少？"]
    return questions


def with_library(answer: Answer, assistant) -> Answer:
    """An answer that found nothing says what the library holds, when it does not already."""
    if not answer.abstained or "资料库" in answer.text or not assistant.reports():
        return answer
    listing = assistant.library_listing()
    return replace(answer, text=f"{answer.text.rstrip()}\n\n资料库现有：{listing}。")


def _key(browser: str | None, request) -> str:
    """The chat's key: the browser's own (kept in its localStorage, so a reload finds the
    chat again), else the page's session, else LOCAL."""
    return browser or getattr(request, "session_hash", None) or LOCAL


class ChatTab:
    def __init__(self, assistant) -> None:
        self.assistant = assistant
        self.sessions = ChatSessions()
        self._api_conversations: OrderedDict[str, object] = OrderedDict()  # id -> conversation
        self._lock = threading.Lock()

    # core ------------------------------------------------------------------------------------
    def restore(self, browser: str | None, request: gr.Request | None = None):
        """On page load: (the browser's chat key, made on its first visit; its chat so far).
        A question sent before this ran was keyed by the page's session: that chat is kept
        (a first visit takes the page's key; a returning browser's key now points to it)."""
        page = getattr(request, "session_hash", None)
        browser = browser or page or uuid.uuid4().hex
        if page and page != browser:
            self.sessions.adopt(page, browser)
        return browser, self.sessions.get(browser).shown()

    def submit(self, message: str, browser: str = "", request: gr.Request | None = None):
        """(textbox, chatbot): the question joins the chat at once (queued when another is
        being answered); the box is emptied because the question now shows in the chat."""
        session = self.sessions.get(_key(browser, request))
        question = (message or "").strip()
        if not question:
            info("请输入问题。")
            return message or "", session.shown()
        session.add(question)
        return "", session.shown()

    def answer_all(self, browser: str = "", request: gr.Request | None = None):
        """The session's worker: answers the waiting questions one by one, streaming; yields
        the chat after every step. A second worker of the same session returns at once."""
        session = self.sessions.get(_key(browser, request))
        epoch = session.start_worker()
        if epoch is None:
            yield session.shown()
            return
        yield from self._work(session, epoch)

    def _work(self, session: ChatSession, epoch: int):
        try:
            while (slot := session.next_slot(epoch)) is not None:
                for _ in self._answer(session, epoch, slot):
                    yield session.shown()
            yield session.shown()
        finally:  # closed before the end (gradio cancelled it): free the session
            session.release(epoch)

    def resume(self, browser: str = "", request: gr.Request | None = None):
        """After a page load: shows an answer still being written for this browser (by the
        worker of the page before a reload) as it goes on, then answers what waits."""
        session = self.sessions.get(_key(browser, request))
        last = None
        for _ in range(int(FOLLOW_FOR / FOLLOW_EVERY)):
            epoch = session.start_worker()
            if epoch is not None:
                yield from self._work(session, epoch)
                return
            shown = session.shown()
            if shown != last:
                yield shown
                last = shown
            time.sleep(FOLLOW_EVERY)

    def _answer(self, session: ChatSession, epoch: int, slot: Slot):
        """Stream one answer into its slot; stops when the session's epoch passes."""
        thinking = THINKING_LLM if self.assistant.llm_pending else THINKING
        if not session.put(epoch, slot, [{"role": "assistant", "content": thinking}]):
            return
        yield
        if session.conversation is None:
            session.conversation = self.assistant.conversation()
        text = ""
        try:
            for part in self.assistant.stream(slot.question, session.conversation):
                if isinstance(part, Answer):
                    part = with_library(part, self.assistant)
                    shown = answer_messages(part, self.assistant.backend_label, self.assistant)
                elif part:
                    text += part
                    shown = [{"role": "assistant", "content": text + CURSOR}]
                else:
                    continue
                if not session.put(epoch, slot, shown):
                    return
                yield
        except Exception as e:  # shown as a message in the chat, never a trace
            session.put(epoch, slot, [{"role": "assistant", "content": f"⚠ {friendly_error(e)}"}])
            yield

    def stop(self, browser: str = "", request: gr.Request | None = None):
        """停止: the running answer ends (its message says so); queued questions go on."""
        session = self.sessions.get(_key(browser, request))
        session.stop()
        return session.shown()

    def clear(self, browser: str = "", request: gr.Request | None = None):
        """清空对话: no messages, no waiting questions, no follow-up context."""
        self.sessions.get(_key(browser, request)).clear()
        return "", []

    def respond(self, message: str, browser: str = ""):
        """Submit and answer in one go (as a script would): yields the chat."""
        _, shown = self.submit(message, browser)
        yield shown
        yield from self.answer_all(browser)

    def ask_api(self, question: str, conversation_id: str = "") -> dict:
        """Ask a question; pass the same conversation_id for follow-ups. Returns the answer
        text, citations (file, section, verbatim quote), flags, route, backend and table."""
        if not (question or "").strip():
            raise error("请输入问题。")
        conversation = None
        if conversation_id:
            with self._lock:
                conversation = (self._api_conversations.pop(conversation_id, None)
                                or self.assistant.conversation())
                self._api_conversations[conversation_id] = conversation
                while len(self._api_conversations) > MAX_API_CONVERSATIONS:
                    self._api_conversations.popitem(last=False)
        try:
            answer = self.assistant.ask(question, conversation)
        except Exception as e:
            raise error(friendly_error(e)) from None
        d = answer.to_dict()
        d.pop("retrieved", None)
        d["backend_label"] = self.assistant.backend_label
        return d

    # layout ----------------------------------------------------------------------------------
    def build(self) -> dict:
        gr.Markdown(f"**当前大模型后端：** {self.assistant.backend_label}　·　"
                    "数字类问题由事实表直接回答，每个回答下方可展开查看来源原文。",
                    elem_id="backend-label")
        chatbot = gr.Chatbot(label="对话", show_label=False, height=470, elem_id="chat", buttons=["copy"],
                             feedback_options=None, group_consecutive_messages=False,
                             placeholder="向已导入的绩效自评报告提问，例如某部门某年的预算执行率、"
                                         "各部门对比、存在的主要问题。回答生成时也可以继续提问，"
                                         "问题会排队依次回答。")
        with gr.Row(equal_height=True):
            box = gr.Textbox(placeholder="输入问题，按回车发送（回答生成中也可发送，将排队回答）",
                             show_label=False, scale=8, lines=1, max_lines=4, autofocus=True,
                             elem_id="question")
            send = gr.Button("发送", variant="primary", scale=1, min_width=80, elem_id="send")
            stop = gr.Button("停止", variant="stop", scale=1, min_width=70, elem_id="stop")
            clear = gr.Button("清空对话", scale=1, min_width=80, elem_id="clear")
        with gr.Row(elem_id="examples"):
            gr.Markdown("示例问题：", elem_classes=["examples-label"])
            buttons = [(q, gr.Button(q, size="sm", scale=0, min_width=60))
                       for q in example_questions(self.assistant.reports())]
        browser = gr.BrowserState("", storage_key="jixiao-chat")
        worker = dict(fn=self.answer_all, inputs=browser, outputs=chatbot, api_visibility="private",
                      concurrency_id="ask", concurrency_limit=ASK_LIMIT, show_progress="hidden",
                      trigger_mode="multiple")
        quick = dict(api_visibility="private", queue=False, show_progress="hidden",
                     trigger_mode="multiple")
        asked = dict(fn=self.submit, inputs=[box, browser], outputs=[box, chatbot], **quick)
        workers = [box.submit(**asked).then(**worker), send.click(**asked).then(**worker)]
        for question, button in buttons:
            workers.append(button.click(self._example(question), browser, chatbot, **quick)
                           .then(**worker))
        stopped = stop.click(self.stop, browser, chatbot, cancels=workers, **quick)
        workers.append(stopped.then(**worker))  # the queued questions go on
        clear.click(self.clear, browser, [box, chatbot], cancels=workers, **quick)
        return {"chatbot": chatbot, "box": box, "browser": browser}

    def _example(self, question: str):
        """An example button's handler: the example is asked; the box keeps what is typed."""
        def ask_example(browser: str, request: gr.Request):
            return self.submit(question, browser, request)[1]
        return ask_example
