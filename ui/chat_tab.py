"""问答 tab: a streaming chat with sources under each answer, follow-ups and examples."""

from __future__ import annotations

import threading
from collections import OrderedDict

import gradio as gr

from assistant.answer.types import Answer
from assistant.index.records import ReportRecord

from .format import answer_messages, friendly_error, short_label
from .notify import error, info

THINKING = "正在查找资料…"
THINKING_LLM = "正在检索并生成回答（首次使用需加载本地模型，请稍候）…"
MAX_API_CONVERSATIONS = 200
# answers served at once: figure answers take milliseconds and need not wait behind a model
# answer; the model itself generates one answer at a time (its own lock), the rest queue there
ASK_LIMIT = 4


def example_questions(reports: list[ReportRecord]) -> list[str]:
    """Questions that work on the reports indexed now (the sample corpus gives these)."""
    reports = [r for r in reports if r.year]
    if not reports:
        return ["比较各部门的预算执行率", "各部门存在的主要问题有哪些？"]
    first = reports[0]
    last = reports[-1]
    a = short_label(first.department, None) + f"{first.year}年"
    b = short_label(last.department, None) + f"{last.year}年"
    questions = [f"{a}基本支出有多少？", "比较各部门的预算执行率", f"{b}存在的主要问题有哪些？"]
    if len(reports) > 1:
        other = short_label(reports[1].department, None)
        questions += [f"{a}的执行率是多少？", f"{other}呢？"]
    return questions


class ChatTab:
    def __init__(self, assistant) -> None:
        self.assistant = assistant
        self._api_conversations: OrderedDict[str, object] = OrderedDict()  # id -> conversation
        self._lock = threading.Lock()

    # core ------------------------------------------------------------------------------------
    def respond(self, message: str, history: list | None, conversation):
        """Chat handler: yields (textbox, chatbot, state) while the answer streams."""
        history = list(history or [])
        question = (message or "").strip()
        if not question:
            info("请输入问题。")
            yield "", list(history), conversation
            return
        conversation = conversation if conversation is not None else self.assistant.conversation()
        thinking = THINKING_LLM if self.assistant.llm_pending else THINKING
        history += [{"role": "user", "content": question}, {"role": "assistant", "content": thinking}]
        yield "", list(history), conversation
        text = ""
        try:
            for part in self.assistant.stream(question, conversation):
                if isinstance(part, Answer):
                    history[-1:] = answer_messages(part, self.assistant.backend_label, self.assistant)
                elif part:
                    text += part
                    history[-1] = {"role": "assistant", "content": text + " ▌"}
                yield "", list(history), conversation
        except Exception as e:  # shown as a message in the chat, never a trace
            history[-1] = {"role": "assistant", "content": f"⚠ {friendly_error(e)}"}
            yield "", list(history), conversation

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
    def build(self) -> None:
        gr.Markdown(f"**当前大模型后端：** {self.assistant.backend_label}　·　"
                    "数字类问题由事实表直接回答，每个回答下方可展开查看来源原文。",
                    elem_id="backend-label")
        chatbot = gr.Chatbot(label="对话", show_label=False, height=470, elem_id="chat", buttons=["copy"],
                             feedback_options=None, group_consecutive_messages=False,
                             placeholder="向已导入的绩效自评报告提问，例如某部门某年的预算执行率、"
                                         "各部门对比、存在的主要问题。")
        conversation = gr.State(None)
        with gr.Row(equal_height=True):
            box = gr.Textbox(placeholder="输入问题，按回车发送", show_label=False, scale=8,
                             lines=1, max_lines=4, autofocus=True, elem_id="question")
            send = gr.Button("发送", variant="primary", scale=1, min_width=80, elem_id="send")
            clear = gr.Button("清空对话", scale=1, min_width=80, elem_id="clear")
        with gr.Row(elem_id="examples"):
            gr.Markdown("示例问题：", elem_classes=["examples-label"])
            buttons = [(q, gr.Button(q, size="sm", scale=0, min_width=60))
                       for q in example_questions(self.assistant.reports())]
        run = dict(fn=self.respond, inputs=[box, chatbot, conversation],
                   outputs=[box, chatbot, conversation], api_visibility="private",
                   concurrency_id="ask", concurrency_limit=ASK_LIMIT, show_progress="minimal")
        events = [box.submit(**run), send.click(**run)]
        for question, button in buttons:
            events.append(button.click(lambda q=question: q, None, box, api_visibility="private",
                                       queue=False).then(**run))
        clear.click(lambda: ("", [], None), None, [box, chatbot, conversation],
                    api_visibility="private", queue=False, cancels=events)
