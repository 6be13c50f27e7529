import { OperationNodeTransformer, ValueNode, type KyselyPlugin, type LimitNode, type OffsetNode, type OperationNode, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';

/** A whole number bound as a parameter, as a literal instead; anything else as it is. */
function literal(node: OperationNode): OperationNode | null {
  return ValueNode.is(node) && !node.immediate && Number.isSafeInteger(node.value) && (node.value as number) >= 0 ? ValueNode.createImmediate(node.value) : null;
}

class LimitsAsLiterals extends OperationNodeTransformer {
  protected override transformLimit(node: LimitNode): LimitNode {
    const limit = literal(node.limit);
    return limit ? { ...node, limit } : super.transformLimit(node);
  }

  protected override transformOffset(node: OffsetNode): OffsetNode {
    const offset = literal(node.offset);
    return offset ? { ...node, offset } : super.transformOffset(node);
  }
}

/**
 * Writes `LIMIT` and `OFFSET` numbers into the SQL text instead of binding them (SQLite only).
 * SQLite's planner looks at a bound LIMIT, so it marks the statement to be prepared again
 * whenever that parameter is bound anew, which better-sqlite3 does on every run: the statement
 * cache then saved nothing for a list query (10 to 15 µs a run on the task list, 1 ms on the
 * live hub's rule, measured side by side). The numbers are few (page sizes), so the texts stay
 * few; they are validated integers, never text.
 * @example new Kysely<Database>({ dialect, plugins: [new LiteralLimits()] })
 */
export class LiteralLimits implements KyselyPlugin {
  private readonly transformer = new LimitsAsLiterals();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.transformer.transformNode(args.node);
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}
