import type { FinishReason } from '@refract/core';

/**
 * What each recorded Anthropic fixture must translate to, computed from the raw recordings by a
 * separate script (text of text blocks/deltas; tool_use ids, names and inputs; stop reason;
 * usage as [prompt, completion, cached, cache-write] with prompt = input + cache read + cache
 * write) and reviewed. Long texts are given by their start and a SHA-256 prefix of the UTF-8 text.
 */
export interface ExpectedMessage {
  text?: string;
  head?: string;
  sha256?: string;
  tools: [id: string, name: string, input: unknown][];
  finish: FinishReason;
  usage: [prompt: number, completion: number, cached: number, cacheWrite: number];
  /** Block types left out of the answer (server tools and the like), each named by a warning. */
  omitted: string[];
  reasoning: boolean;
}

/** Non-streaming bodies (`*.json`). */
export const JSON_FIXTURES: Record<string, ExpectedMessage> = {
  "anthropic-advisor-20260301.1.json": {"head": "Great guidance. Here is t", "sha256": "eb4ef5d658d22e09", "tools": [], "finish": "stop", "usage": [2414, 3200, 0, 0], "omitted": ["advisor_tool_result", "server_tool_use"], "reasoning": false},
  "anthropic-advisor-stop-reasons.json": {"text": "", "tools": [], "finish": "stop", "usage": [10, 20, 0, 0], "omitted": ["advisor_tool_result", "server_tool_use"], "reasoning": false},
  "anthropic-claude-opus-5-reasoning-high.1.json": {"head": "## Step 1: Set up the pro", "sha256": "bf7cfc50962b1ea9", "tools": [], "finish": "stop", "usage": [51, 1699, 0, 0], "omitted": [], "reasoning": true},
  "anthropic-clear-thinking.1.json": {"text": "925 ÷ 5 = 185", "tools": [], "finish": "stop", "usage": [69, 33, 0, 0], "omitted": [], "reasoning": true},
  "anthropic-clear-tool-uses.1.json": {"head": "\n\nHere's a comparison of ", "sha256": "220f5d4b0f06d1d8", "tools": [], "finish": "stop", "usage": [859, 132, 0, 0], "omitted": [], "reasoning": false},
  "anthropic-code-execution-20250825.1.json": {"head": "I'll create a Python scri", "sha256": "400f7f5f9299385e", "tools": [], "finish": "stop", "usage": [7881, 608, 0, 0], "omitted": ["bash_code_execution_tool_result", "server_tool_use", "text_editor_code_execution_tool_result"], "reasoning": false},
  "anthropic-code-execution-20250825.2.json": {"head": "I'll help you create a Py", "sha256": "4d6c90d42cf14b99", "tools": [], "finish": "stop", "usage": [12546, 1359, 0, 0], "omitted": ["bash_code_execution_tool_result", "server_tool_use", "text_editor_code_execution_tool_result"], "reasoning": false},
  "anthropic-code-execution-20250825.pptx-skill.json": {"head": "I'll help you create a pr", "sha256": "48f5c2ce8dbdcaf3", "tools": [], "finish": "stop", "usage": [950648, 13856, 0, 0], "omitted": ["bash_code_execution_tool_result", "server_tool_use", "text_editor_code_execution_tool_result"], "reasoning": false},
  "anthropic-code-execution-file-upload.1.json": {"head": "I'll analyze the CSV data", "sha256": "cea2d7c5c0001493", "tools": [], "finish": "stop", "usage": [7451, 521, 0, 0], "omitted": ["bash_code_execution_tool_result", "server_tool_use", "text_editor_code_execution_tool_result"], "reasoning": false},
  "anthropic-combined-context-editing.1.json": {"head": "# 25 × 37\n\nLet me break t", "sha256": "4609ed433bd1b442", "tools": [], "finish": "stop", "usage": [50, 418, 0, 0], "omitted": [], "reasoning": true},
  "anthropic-compaction.1.json": {"head": "Based on our conversation", "sha256": "31bd47313f67ed96", "tools": [], "finish": "stop", "usage": [682, 1320, 0, 0], "omitted": ["compaction"], "reasoning": false},
  "anthropic-fallback.json": {"text": "The printing press was invented by Johannes Gutenberg around 1440.", "tools": [], "finish": "stop", "usage": [412, 264, 0, 0], "omitted": [], "reasoning": false},
  "anthropic-json-other-tool.1.json": {"text": "", "tools": [["toolu_01PQjhxo3eirCdKNvCJrKc8f", "weather", {"location": "San Francisco"}]], "finish": "tool_calls", "usage": [843, 28, 0, 0], "omitted": [], "reasoning": false},
  "anthropic-json-output-format.1.json": {"head": "{\"recipe\":{\"name\":\"Classi", "sha256": "9dd2c20bd0464439", "tools": [], "finish": "stop", "usage": [371, 629, 0, 0], "omitted": [], "reasoning": false},
  "anthropic-json-tool.1.json": {"text": "", "tools": [["toolu_01Q9ExVZnzZj7E2QQYHYtNUa", "json", {"elements": [{"location": "San Francisco", "temperature": -5, "condition": "snowy"}, {"location": "London", "temperature": 0, "condition": "snowy"}, {"location": "Paris", "temperature": 23, "condition": "cloudy"}, {"location": "Berlin", "temperature": -9, "condition": "snowy"}]}]], "finish": "tool_calls", "usage": [1151, 87, 0, 0], "omitted": [], "reasoning": false},
  "anthropic-mcp.1.json": {"head": "The echo tool responded b", "sha256": "53961a0ac482a912", "tools": [], "finish": "stop", "usage": [1250, 88, 0, 0], "omitted": ["mcp_tool_result", "mcp_tool_use"], "reasoning": false},
  "anthropic-memory-20250818.1.json": {"text": "", "tools": [["toolu_01TvNvpwszD4hKeudmbfyWiV", "memory", {"command": "view", "path": "/memories"}]], "finish": "tool_calls", "usage": [1614, 69, 0, 0], "omitted": [], "reasoning": false},
  "anthropic-programmatic-tool-calling.1.json": {"head": "I'll help you simulate th", "sha256": "4f03ff315c99a52e", "tools": [["toolu_01PMcE1JBKCeLjn83cgUCvR5", "rollDie", {"player": "player2"}], ["toolu_01MZf5QJ1EQyd2yGyeLzBxAS", "rollDie", {"player": "player1"}], ["toolu_01T7Upuuv8C71nq7DZ9ZPNQW", "rollDie", {"player": "player1"}], ["toolu_016Da1tDet9Bf7dAdYTkF5Ar", "rollDie", {"player": "player2"}]], "finish": "stop", "usage": [4243, 229, 0, 0], "omitted": ["code_execution_tool_result", "server_tool_use"], "reasoning": false},
  "anthropic-refusal-no-details.json": {"text": "", "tools": [], "finish": "content_filter", "usage": [18, 5, 0, 0], "omitted": [], "reasoning": false},
  "anthropic-refusal.json": {"text": "", "tools": [], "finish": "content_filter", "usage": [18, 5, 0, 0], "omitted": [], "reasoning": false},
  "anthropic-text.json": {"head": "Hello! I'm doing well, th", "sha256": "52f5deca558b9821", "tools": [], "finish": "stop", "usage": [12, 29, 0, 0], "omitted": [], "reasoning": false},
  "anthropic-tool-no-args.json": {"head": "<thinking>\nThe updateIssu", "sha256": "64e739735956bd82", "tools": [["toolu_01LRmxn9vGM1d2DZSDBowdZ1", "updateIssueList", {}]], "finish": "tool_calls", "usage": [602, 93, 0, 0], "omitted": [], "reasoning": false},
  "anthropic-tool-search-bm25.1.json": {"head": "I'll search for a weather", "sha256": "839d04057808c8a8", "tools": [["toolu_01PFQG18bVLaXcEaCxTZtX4G", "get_weather", {"location": "San Francisco, CA"}]], "finish": "tool_calls", "usage": [1631, 161, 0, 0], "omitted": ["server_tool_use", "tool_search_tool_result"], "reasoning": false},
  "anthropic-tool-search-deferred-bm25.2.json": {"head": "Perfect! I can see the cu", "sha256": "e8bac5508120b559", "tools": [["toolu_019oFKxH7xzoKZtBX1mBGHeJ", "executeEditorOperation", {"noteId": "d10aa585-982b-4bd9-984e-420f9b3717f7", "operations": [{"op": "insert_node", "at": {"type": "path", "path": [1]}, "type": "bulletedListItem", "text": "bye"}]}]], "finish": "tool_calls", "usage": [1398, 213, 0, 0], "omitted": ["tool_search_tool_result"], "reasoning": false},
  "anthropic-tool-search-deferred-regex.2.json": {"head": "Good! I can see the curre", "sha256": "04c7daad7505d6d6", "tools": [["toolu_01Vif37vPguXdx5yxixnpvpM", "executeEditorOperation", {"noteId": "d10aa585-982b-4bd9-984e-420f9b3717f7", "operations": [{"op": "insert_node", "at": {"type": "path", "path": [1]}, "type": "bulletedListItem", "text": "bye"}]}]], "finish": "tool_calls", "usage": [1520, 203, 0, 0], "omitted": ["tool_search_tool_result"], "reasoning": false},
  "anthropic-tool-search-regex.1.json": {"head": "I found a tool to get tem", "sha256": "95af3d8ce5c6270e", "tools": [["toolu_01X4r989CAhzqnFqDJn1gVvp", "get_temp_data", {"location": "San Francisco, CA", "unit": "fahrenheit"}]], "finish": "tool_calls", "usage": [1676, 184, 0, 0], "omitted": ["server_tool_use", "tool_search_tool_result"], "reasoning": false},
  "anthropic-web-fetch-tool-20260209.1.json": {"head": "The page at **example.com", "sha256": "b512feb3ac5b5378", "tools": [], "finish": "stop", "usage": [7204, 162, 0, 0], "omitted": ["code_execution_tool_result", "server_tool_use", "web_fetch_tool_result"], "reasoning": false},
  "anthropic-web-fetch-tool.1.json": {"head": "I'll fetch the Wikipedia ", "sha256": "27b57017eb590723", "tools": [], "finish": "stop", "usage": [4234, 462, 0, 0], "omitted": ["server_tool_use", "web_fetch_tool_result"], "reasoning": false},
  "anthropic-web-fetch-tool.2.json": {"head": "I'll fetch the PDF from t", "sha256": "eee9a792330ee7a7", "tools": [], "finish": "stop", "usage": [28638, 365, 0, 0], "omitted": ["server_tool_use", "web_fetch_tool_result"], "reasoning": false},
  "anthropic-web-fetch-tool.error.json": {"head": "I'll fetch the PDF docume", "sha256": "765e71153e75584b", "tools": [], "finish": "stop", "usage": [1902, 214, 0, 0], "omitted": ["server_tool_use", "web_fetch_tool_result"], "reasoning": false},
  "anthropic-web-search-tool.1.json": {"head": "Let me search for more sp", "sha256": "0a1a1bd2432be476", "tools": [], "finish": "stop", "usage": [27118, 600, 0, 0], "omitted": ["server_tool_use", "web_search_tool_result"], "reasoning": false},
};

/** Streams (`*.chunks.txt`), one entry per recorded response (a file may hold several HTTP calls). */
export const STREAM_FIXTURES: Record<string, ExpectedMessage[]> = {
  "anthropic-advisor-20250301.1.chunks.txt": [
    {"head": "# Concurrent Worker Pool ", "sha256": "564515cb9dfb2df0", "tools": [], "finish": "stop", "usage": [4727, 3391, 0, 0], "omitted": ["advisor_tool_result", "server_tool_use"], "reasoning": false},
  ],
  "anthropic-advisor-stop-reasons.chunks.txt": [
    {"text": "", "tools": [], "finish": "stop", "usage": [10, 20, 0, 0], "omitted": ["advisor_tool_result", "server_tool_use"], "reasoning": false},
  ],
  "anthropic-clear-thinking.1.chunks.txt": [
    {"text": "925 ÷ 5 = 185", "tools": [], "finish": "stop", "usage": [69, 53, 0, 0], "omitted": [], "reasoning": true},
  ],
  "anthropic-clear-tool-uses.1.chunks.txt": [
    {"head": "\n\nHere's a comparison of ", "sha256": "8cb57585a8ddd9be", "tools": [], "finish": "stop", "usage": [859, 122, 0, 0], "omitted": [], "reasoning": false},
  ],
  "anthropic-code-execution-20250825.1.chunks.txt": [
    {"head": "I'll create a Python scri", "sha256": "7b49d61166e9de51", "tools": [], "finish": "stop", "usage": [8050, 771, 0, 0], "omitted": ["bash_code_execution_tool_result", "server_tool_use", "text_editor_code_execution_tool_result"], "reasoning": false},
  ],
  "anthropic-code-execution-20250825.2.chunks.txt": [
    {"head": "I'll help you create a Py", "sha256": "ce2530971a55f994", "tools": [], "finish": "stop", "usage": [15696, 2479, 0, 0], "omitted": ["bash_code_execution_tool_result", "server_tool_use", "text_editor_code_execution_tool_result"], "reasoning": false},
  ],
  "anthropic-code-execution-20250825.pptx-skill.chunks.txt": [
    {"head": "I need to create a PowerP", "sha256": "10e0b2b86c23c570", "tools": [], "finish": "stop", "usage": [320032, 5558, 0, 0], "omitted": ["bash_code_execution_tool_result", "server_tool_use", "text_editor_code_execution_tool_result"], "reasoning": false},
  ],
  "anthropic-code-execution-20260120-prompt-cache.1.chunks.txt": [
    {"text": "The sum of the squares of the numbers 1 through 12 is **650**.", "tools": [], "finish": "stop", "usage": [9632, 198, 6289, 3337], "omitted": ["bash_code_execution_tool_result", "server_tool_use"], "reasoning": false},
  ],
  "anthropic-code-execution-file-upload.1.chunks.txt": [
    {"head": "I'll analyze the CSV data", "sha256": "c97dd5cab9766c25", "tools": [], "finish": "stop", "usage": [11505, 1103, 0, 0], "omitted": ["bash_code_execution_tool_result", "server_tool_use", "text_editor_code_execution_tool_result"], "reasoning": false},
  ],
  "anthropic-combined-context-editing.1.chunks.txt": [
    {"head": "# 25 × 37\n\nLet me break t", "sha256": "cfcc38f0784e568b", "tools": [], "finish": "stop", "usage": [50, 485, 0, 0], "omitted": [], "reasoning": true},
  ],
  "anthropic-compaction.1.chunks.txt": [
    {"head": "Based on the conversation", "sha256": "684d36d33414c923", "tools": [], "finish": "stop", "usage": [612, 2819, 0, 0], "omitted": ["compaction"], "reasoning": false},
  ],
  "anthropic-fallback.chunks.txt": [
    {"text": "The printing press was invented by Johannes Gutenberg around 1440.", "tools": [], "finish": "stop", "usage": [412, 264, 0, 0], "omitted": [], "reasoning": false},
  ],
  "anthropic-json-other-tool.1.chunks.txt": [
    {"text": "", "tools": [["toolu_019Zvehfe1XQWweT1pm7okyt", "weather", {"location": "San Francisco"}]], "finish": "tool_calls", "usage": [843, 28, 0, 0], "omitted": [], "reasoning": false},
  ],
  "anthropic-json-output-format.1.chunks.txt": [
    {"head": "{\"characters\":[{\"name\":\"T", "sha256": "0796715649bba173", "tools": [], "finish": "stop", "usage": [313, 305, 0, 0], "omitted": [], "reasoning": false},
  ],
  "anthropic-json-tool.1.chunks.txt": [
    {"text": "", "tools": [["toolu_01KFbKqPYSuAKujiL6mTfzYA", "json", {"elements": [{"location": "San Francisco", "temperature": 58, "condition": "sunny"}]}]], "finish": "tool_calls", "usage": [849, 47, 0, 0], "omitted": [], "reasoning": false},
  ],
  "anthropic-json-tool.2.chunks.txt": [
    {"text": "I'll invoke the JSON response tool.", "tools": [["toolu_01KFbKqPYSuAKujiL6mTfzYA", "json", {"elements": [{"location": "San Francisco", "temperature": 58, "condition": "sunny"}]}]], "finish": "tool_calls", "usage": [849, 47, 0, 0], "omitted": [], "reasoning": false},
  ],
  "anthropic-mcp.1.chunks.txt": [
    {"head": "The echo tool responded b", "sha256": "8cfb90f42d9fc20f", "tools": [], "finish": "stop", "usage": [1250, 83, 0, 0], "omitted": ["mcp_tool_result", "mcp_tool_use"], "reasoning": false},
  ],
  "anthropic-message-delta-input-tokens.chunks.txt": [
    {"text": "pong", "tools": [], "finish": "stop", "usage": [61, 2, 0, 0], "omitted": [], "reasoning": false},
  ],
  "anthropic-programmatic-tool-calling.1.chunks.txt": [
    {"head": "I'll help you simulate th", "sha256": "b2cc643922cf64ac", "tools": [["toolu_019jKkXz4jAdwHweHBw92CVY", "rollDie", {"player": "player1"}]], "finish": "tool_calls", "usage": [3369, 725, 0, 0], "omitted": ["server_tool_use"], "reasoning": false},
    {"text": "", "tools": [["toolu_015dGLMbwBKv1ZRQr6KdJzeH", "rollDie", {"player": "player2"}]], "finish": "tool_calls", "usage": [0, 0, 0, 0], "omitted": [], "reasoning": false},
    {"text": "", "tools": [["toolu_01YYqBNq5mk1wMtv3PAqY44m", "rollDie", {"player": "player1"}]], "finish": "tool_calls", "usage": [0, 0, 0, 0], "omitted": [], "reasoning": false},
    {"text": "", "tools": [["toolu_018WxjDkQG8h7i63poySGT2x", "rollDie", {"player": "player2"}]], "finish": "tool_calls", "usage": [0, 0, 0, 0], "omitted": [], "reasoning": false},
    {"text": "", "tools": [["toolu_014ch4D3vbx928ddwxMvMvF1", "rollDie", {"player": "player1"}]], "finish": "tool_calls", "usage": [0, 0, 0, 0], "omitted": [], "reasoning": false},
    {"text": "", "tools": [["toolu_01QtZ46GWS93Z5ZaSifgGNnq", "rollDie", {"player": "player2"}]], "finish": "tool_calls", "usage": [0, 0, 0, 0], "omitted": [], "reasoning": false},
    {"text": "", "tools": [["toolu_012Zvp8FdgvjVGkmbHSU4EZk", "rollDie", {"player": "player1"}]], "finish": "tool_calls", "usage": [0, 0, 0, 0], "omitted": [], "reasoning": false},
    {"text": "", "tools": [["toolu_01CMz8Jhv6EfnzHQzEMdpHut", "rollDie", {"player": "player2"}]], "finish": "tool_calls", "usage": [0, 0, 0, 0], "omitted": [], "reasoning": false},
    {"text": "", "tools": [["toolu_01PfH6ADzq8Yct5jeRY9QkS2", "rollDie", {"player": "player1"}]], "finish": "tool_calls", "usage": [0, 0, 0, 0], "omitted": [], "reasoning": false},
    {"text": "", "tools": [["toolu_013DE3qaKvBMheZXUhwkvpdF", "rollDie", {"player": "player2"}]], "finish": "tool_calls", "usage": [0, 0, 0, 0], "omitted": [], "reasoning": false},
    {"text": "", "tools": [["toolu_01MTRMy9BEvFHWR7hpCWc4nJ", "rollDie", {"player": "player1"}]], "finish": "tool_calls", "usage": [0, 0, 0, 0], "omitted": [], "reasoning": false},
    {"text": "", "tools": [["toolu_01CXqv27ozPihE5nj6eA3Joc", "rollDie", {"player": "player2"}]], "finish": "tool_calls", "usage": [0, 0, 0, 0], "omitted": [], "reasoning": false},
    {"text": "", "tools": [["toolu_01K6ST6orjmPHHwM8rwLj1n9", "rollDie", {"player": "player1"}]], "finish": "tool_calls", "usage": [0, 0, 0, 0], "omitted": [], "reasoning": false},
    {"text": "", "tools": [["toolu_01QcWWQcQ1pd7nx9xohX4zAr", "rollDie", {"player": "player2"}]], "finish": "tool_calls", "usage": [0, 0, 0, 0], "omitted": [], "reasoning": false},
    {"head": "## Game Results\n\n**Player", "sha256": "69dca3413cd09608", "tools": [], "finish": "stop", "usage": [4551, 197, 0, 0], "omitted": ["code_execution_tool_result"], "reasoning": false},
  ],
  "anthropic-refusal.chunks.txt": [
    {"text": "", "tools": [], "finish": "content_filter", "usage": [18, 5, 0, 0], "omitted": [], "reasoning": false},
  ],
  "anthropic-text.chunks.txt": [
    {"head": "Hello! I'm doing well, th", "sha256": "3ff17711b62557e4", "tools": [], "finish": "stop", "usage": [12, 30, 0, 0], "omitted": [], "reasoning": false},
  ],
  "anthropic-tool-no-args.chunks.txt": [
    {"text": "I'll update the issue list for you.", "tools": [["toolu_01QE1WLsSVp5hy5Q3GmGTmjP", "updateIssueList", {}]], "finish": "tool_calls", "usage": [565, 48, 0, 0], "omitted": [], "reasoning": false},
  ],
  "anthropic-tool-search-bm25.1.chunks.txt": [
    {"head": "I'll search for a weather", "sha256": "c7b4b8cce750635d", "tools": [["toolu_019nRrfqqXcU5NPTUSYfEMAY", "get_weather", {"location": "San Francisco, CA"}]], "finish": "tool_calls", "usage": [1630, 158, 0, 0], "omitted": ["server_tool_use", "tool_search_tool_result"], "reasoning": false},
    {"head": "The current weather in Sa", "sha256": "768c68a0d34606c5", "tools": [], "finish": "stop", "usage": [1040, 41, 0, 0], "omitted": [], "reasoning": false},
  ],
  "anthropic-tool-search-deferred-bm25.chunks.txt": [
    {"head": "I'll help you with this t", "sha256": "a6ac2d9d65939b51", "tools": [["toolu_01U8pzAHj2vNdPCA2Kf8JjeN", "readNoteTree", {"noteId": "d10aa585-982b-4bd9-984e-420f9b3717f7"}]], "finish": "tool_calls", "usage": [879, 177, 0, 0], "omitted": ["server_tool_use"], "reasoning": false},
    {"head": "Perfect! I can see the cu", "sha256": "94c7994fd02d5923", "tools": [["toolu_01QoRrvXNv6w4vZSyo9cnxP2", "executeEditorOperation", {"noteId": "d10aa585-982b-4bd9-984e-420f9b3717f7", "operations": [{"op": "insert_node", "type": "bulletedListItem", "text": "bye", "at": {"type": "path", "path": [1]}}]}]], "finish": "tool_calls", "usage": [1398, 213, 0, 0], "omitted": ["tool_search_tool_result"], "reasoning": false},
    {"head": "Great! I've successfully ", "sha256": "2ea02c33663135cf", "tools": [], "finish": "stop", "usage": [1639, 95, 0, 0], "omitted": [], "reasoning": false},
  ],
  "anthropic-tool-search-deferred-regex.chunks.txt": [
    {"head": "I'll help you with this t", "sha256": "5ef4aa0b9595f5c3", "tools": [["toolu_01WPkY6CkyJnFsaCqY7SZ9FX", "readNoteTree", {"noteId": "d10aa585-982b-4bd9-984e-420f9b3717f7"}]], "finish": "tool_calls", "usage": [904, 175, 0, 0], "omitted": ["server_tool_use"], "reasoning": false},
    {"head": "Perfect! I can see the cu", "sha256": "ce4653b99d06d6ff", "tools": [["toolu_01UFHf8D27JBYu9FmrcjJk1p", "executeEditorOperation", {"noteId": "d10aa585-982b-4bd9-984e-420f9b3717f7", "operations": [{"op": "insert", "type": "bulletedListItem", "text": "bye", "at": {"type": "after", "path": [0]}}]}]], "finish": "tool_calls", "usage": [1519, 211, 0, 0], "omitted": ["tool_search_tool_result"], "reasoning": false},
    {"head": "Great! I've successfully ", "sha256": "fad8309e0b0e2b63", "tools": [], "finish": "stop", "usage": [1758, 118, 0, 0], "omitted": [], "reasoning": false},
  ],
  "anthropic-tool-search-regex.1.chunks.txt": [
    {"head": "Great! I found a weather ", "sha256": "4af5099f6fbb8ab1", "tools": [["toolu_01UmPwkecewaEpMupy2ywk8b", "get_temp_data", {"location": "San Francisco, CA"}]], "finish": "tool_calls", "usage": [1681, 163, 0, 0], "omitted": ["server_tool_use", "tool_search_tool_result"], "reasoning": false},
    {"head": "Here's the current weathe", "sha256": "4ad617005e55916b", "tools": [], "finish": "stop", "usage": [1071, 67, 0, 0], "omitted": [], "reasoning": false},
  ],
  "anthropic-web-fetch-tool-20260209.1.chunks.txt": [
    {"head": "The page at **example.com", "sha256": "ad917bf3413aad33", "tools": [], "finish": "stop", "usage": [7172, 144, 0, 0], "omitted": ["code_execution_tool_result", "server_tool_use", "web_fetch_tool_result"], "reasoning": false},
  ],
  "anthropic-web-fetch-tool.1.chunks.txt": [
    {"head": "I'll fetch the content fr", "sha256": "4b3e7ab8fa3e6ff9", "tools": [], "finish": "stop", "usage": [4230, 446, 0, 0], "omitted": ["server_tool_use", "web_fetch_tool_result"], "reasoning": false},
  ],
  "anthropic-web-search-tool.1.chunks.txt": [
    {"head": "Based on my search result", "sha256": "2c86b5f34a531516", "tools": [], "finish": "stop", "usage": [15665, 795, 0, 0], "omitted": ["server_tool_use", "web_search_tool_result"], "reasoning": false},
  ],
  "duplicate-message-start.chunks.txt": [
    {"text": "Hello, World!", "tools": [], "finish": "stop", "usage": [17, 227, 0, 0], "omitted": [], "reasoning": false},
  ],
  "spliced-message-start.chunks.txt": [
    {"text": "", "tools": [["toolu_first", "test-tool", null], ["toolu_second", "test-tool", {"value": "Sparkle Day"}]], "finish": "tool_calls", "usage": [17, 65, 0, 0], "omitted": [], "reasoning": true},
  ],
};
