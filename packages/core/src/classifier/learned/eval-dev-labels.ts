import type { Tier } from '../../tiers/tiers';
import type { LabeledExample } from './labeled-example';

/** A Refract label for a source label: the category, and a tier when it differs from the category's. */
export interface MappedLabel {
  category: string;
  tier?: Tier;
}

/**
 * Vicuna-bench categories → Refract. Vicuna's questions are short, general prompts; most of them
 * ask for an explanation or advice and land in `analysis_simple`, with the tier saying how much
 * depth the answer needs (see docs/classifier.md, "Label mapping").
 */
export const VICUNA_LABELS: Readonly<Record<string, MappedLabel>> = {
  generic: { category: 'analysis_simple' },
  knowledge: { category: 'analysis_simple', tier: 'medium' },
  'common-sense': { category: 'analysis_simple' },
  counterfactual: { category: 'analysis_simple' },
  fermi: { category: 'reasoning_deep', tier: 'medium' },
  roleplay: { category: 'conversation_roleplay' },
  writing: { category: 'creative_writing_long' },
  coding: { category: 'coding_simple' },
  math: { category: 'math_simple' },
};

/**
 * Arena-Hard v2.0 `category/subcategory` → Refract. Arena-Hard keeps only prompts that separate
 * strong models, so its coding and math prompts are the complex kind.
 */
export const ARENA_V2_LABELS: Readonly<Record<string, MappedLabel>> = {
  'hard_prompt/coding': { category: 'coding_complex' },
  'hard_prompt/math': { category: 'math_complex' },
  'creative_writing/creative_writing': { category: 'creative_writing_long' },
};

/**
 * Arena-Hard v0.1 topic clusters → Refract, by the cluster's name, first matching rule wins. The
 * clusters are topics, not tasks, and the two prompts of a cluster often differ in kind (a song
 * and a PHP project share "Bob, Alice, Relationships & Interactions"), so these labels are noisy;
 * clusters whose name says nothing about the task get no label (`undefined`).
 */
export const ARENA_V01_CLUSTER_RULES: readonly (readonly [RegExp, string | undefined])[] = [
  [/\b(bob, alice|diverse contemporary|computers and comparative|conflicting instructions|member identification|method selection|plate stacks|philosophy & theology|english longest|word position|word count|tag validation|tagging items|abc sequence|consecutive draws|cube, shaking|delete system32|patenting|jpeg compression|calculation styles|approximate vector|character indexing|bulk ticket|prompt readiness|historical and modern|trading card|ddr4 ram|acrobat pdf|aspiring data scientist|ai & sequence alignment)\b/i, undefined],
  [/\b(prompt engineering)\b/i, 'prompt_engineering'],
  [/\b(network configuration|networking|network security|vlan|subnet|docker|dockeriz|kubernetes|aws|cloud|nix|nixos|cron|linux package|ssh|ffmpeg|archive formats|video download)/i, 'devops_infrastructure'],
  [/\b(cybersecurity|security|xss|cve|hacking|cryptograph|password|vulnerab|deobfuscation|reverse engineering)/i, 'code_security_review'],
  [/\b(testing|mocking|test)\b/i, 'qa_testing'],
  [/\b(sql|database|databricks)\b/i, 'sql_generation'],
  [/\b(excel)\b/i, 'data_transformation'],
  [/\b(regex|python|javascript|typescript|rust|kotlin|c\+\+|php|java|react|flask|django|laravel|node\.js|code|coding|programming|development|scripting|css|web|api|bot|app|algorithm|array|string reversal|linked list|algorithms|data structures|concurrency|assembly|hdl|shader|cuda|kernel|vba|swift|wpf|tkinter|streamlit|shiny|roblox|odoo|sap|symfony|gis|android|browser|discord|html|scraping|awk|tailwind|svg|matplotlib|pandas|tidyverse|visualization|gradio|pytorch|jax|yolo|huggingface|autoencoder|rnn|fibonacci|elo|monads|random number|pi|game development|chatbot|terminal|pdf processing|subtitle|lambda calculus|keyboard|smart home|json|multisig|ray tracing|kalman|audio|image upscaling|powerpoint|obsidian|gpu|vram|local llm|tic-tac-toe|chess)\b/i, 'coding_medium'],
  [/\b(math|algebra|number theory|probability|statistic|geometry|prime|dice|proving|real analysis|standard deviation|sample size|triangle|train time|time calculations|number substitution|pattern completion|money and transaction|optimal walking|circular motion)/i, 'math_complex'],
  [/\b(puzzle|riddle|situation|conceptual associations|rubik)/i, 'reasoning_deep'],
  [/\b(medical|clinical|radiology)/i, 'medical_analysis'],
  [/\b(legal|law|regulation|iso 26262|compliance)/i, 'legal_analysis'],
  [/\b(financ|investment|tax|accounting|trading|stock|options|banking|binance|commission)/i, 'financial_analysis'],
  [/\b(machine learning|deep learning|neural|llm|transformers|gradient|batch size|retrieval-augmented|sentiment|entity relationship|generative ai|genai)/i, 'research_scientific'],
  [/\b(business|startup|marketing|strategy|market|sales|seo|profitability|pricing|product|operations|advertising|grocery|consult|enterprise|cio|agile|scrum|data quality|data processing|mining|review analysis|debate|expert)/i, 'analysis_complex'],
  [/\b(physic|electromagnetic|chemistry|sensor|radar|climate|water waves|solar|cosmolog|weather)/i, 'stem_science'],
  [/\b(translation|lojban|language|prepositions|etymology)/i, 'multilingual_complex'],
  [/\b(song|poem|story|melody|chord|music|guitar|writing|rpg|d&d|character|roleplay|fiction|inner dialog|trading card|preppers|satire)/i, 'creative_writing_long'],
  [/\b(teaching|exam|learning|training|planning|scheduling|curriculum|meal|recipe|baking|leave request|library science|research trends|assessment|hospital design|calculator usage|query transformation|information retrieval)/i, 'planning_scheduling'],
];

/**
 * The Refract label of an Arena-Hard v0.1 cluster, or undefined when the name is no task.
 *
 * @example
 * labelForArenaCluster('Docker Deployment & Configuration'); // 'devops_infrastructure'
 */
export function labelForArenaCluster(cluster: string): string | undefined {
  for (const [pattern, category] of ARENA_V01_CLUSTER_RULES) if (pattern.test(cluster)) return category;
  return undefined;
}

/** The files of `../shared/data/eval-dev` this module reads, and their source names. */
export const EVAL_DEV_FILES = {
  'arena-hard-v0.1__question.jsonl': 'arena-hard-v0.1',
  'arena-hard-v2.0__question.jsonl': 'arena-hard-v2.0',
  'vicuna_bench__question.jsonl': 'vicuna',
} as const;
export type EvalDevSource = (typeof EVAL_DEV_FILES)[keyof typeof EVAL_DEV_FILES];

/**
 * Reads one eval-dev file into labeled examples with the mapping above. Lines whose source label
 * maps to nothing become examples without a category (kept for tier-free uses, skipped in
 * training and accuracy).
 *
 * @throws Error for an unknown file name or a line that is not JSON.
 * @example
 * const examples = parseEvalDevFile('vicuna_bench__question.jsonl', readFileSync(path, 'utf8'));
 */
export function parseEvalDevFile(fileName: string, text: string): LabeledExample[] {
  const source = (EVAL_DEV_FILES as Record<string, EvalDevSource | undefined>)[fileName.replace(/^.*[\\/]/, '')];
  if (!source) throw new Error(`unknown eval-dev file '${fileName}' (expected one of ${Object.keys(EVAL_DEV_FILES).join(', ')})`);
  const out: LabeledExample[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new Error(`${fileName} line ${index + 1} is not JSON`);
    }
    const prompt = source === 'vicuna' ? (Array.isArray(record['turns']) ? String(record['turns'][0] ?? '') : '') : String(record['prompt'] ?? '');
    const id = String(record['uid'] ?? record['question_id'] ?? index);
    const label: MappedLabel | undefined =
      source === 'vicuna'
        ? VICUNA_LABELS[String(record['category'])]
        : source === 'arena-hard-v2.0'
          ? ARENA_V2_LABELS[`${String(record['category'])}/${String(record['subcategory'])}`]
          : (() => {
              const category = labelForArenaCluster(String(record['cluster'] ?? ''));
              return category ? { category } : undefined;
            })();
    const example: LabeledExample = { request: { model: 'auto', messages: [{ role: 'user', content: prompt }] }, source, id: `${source}:${id}` };
    if (label) {
      example.category = label.category;
      if (label.tier) example.tier = label.tier;
    }
    out.push(example);
  });
  return out;
}

/**
 * The fixed train/test split of the eval-dev prompts: a hash of the example id, so every tool
 * (training, `refract eval`, `eval:routing`) holds out the same 20 %.
 *
 * @example
 * const test = examples.filter((example) => evalDevSplit(example.id ?? '') === 'test');
 */
export function evalDevSplit(id: string, testFraction = 0.2): 'train' | 'test' {
  let hash = 0x811c9dc5;
  for (let index = 0; index < id.length; index += 1) hash = Math.imul(hash ^ id.charCodeAt(index), 0x01000193);
  hash ^= hash >>> 15;
  hash = Math.imul(hash, 0x2c1b3c6d);
  hash ^= hash >>> 12;
  return (hash >>> 0) / 4294967296 < testFraction ? 'test' : 'train';
}
