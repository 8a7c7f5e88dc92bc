import ReactMarkdown from "react-markdown";
import rehypeRaw from "rehype-raw";
import rehypeSanitize from "rehype-sanitize";

export function Comment({ body }) {
  // ruleid: js-react-markdown-raw-html
  return <ReactMarkdown escapeHtml={false} source={body} />;
}

export function Bio({ text }) {
  // ruleid: js-react-markdown-raw-html
  return <ReactMarkdown rehypePlugins={[rehypeRaw]}>{text}</ReactMarkdown>;
}

export function SafeBio({ text }) {
  // ok: js-react-markdown-raw-html
  return <ReactMarkdown rehypePlugins={[rehypeRaw, rehypeSanitize]}>{text}</ReactMarkdown>;
}

export function Plain({ text }) {
  // ok: js-react-markdown-raw-html
  return <ReactMarkdown>{text}</ReactMarkdown>;
}
