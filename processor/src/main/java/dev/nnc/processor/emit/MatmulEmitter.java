package dev.nnc.processor.emit;

import com.palantir.javapoet.CodeBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Emits the two matrix-product loop nests every layer is built from, as register tiles in the
 * manner of a GEMM micro-kernel: several independent accumulators, so the loop is bound by FMA
 * throughput rather than latency, then a narrower tile and a scalar tail for sizes that the lane
 * count does not divide. The lane count is known only at run time, so every tile is emitted and the
 * loop bounds pick. So is the broadcast product's main tile: 8 rows x 2 vectors where the vectors
 * are 512 bits wide (AVX-512, 32 registers: 16 accumulators, 2 rows of B and a broadcast fit),
 * else 4 x 2, which fits AVX2's 16 registers; on AVX2 a 16-accumulator tile spills and ran 56 %
 * slower. 8 x 2 beat 4 x 4 on AVX-512 (B training 18.8x against 14.8x, C forward 57x against 56x).
 */
final class MatmulEmitter {

    /** An index or element expression from an outer and an inner loop expression. */
    interface Access extends BiFunction<String, String, CodeBlock> {}

    /**
     * {@code C[i][j] = finish(init(j) + sum_p A(i, p) * B[p][j])}, vectorised along {@code j}, which
     * must be contiguous in B and C: each step broadcasts one A value against B's row. With a
     * {@code depthBlock} above 0 and a longer constant depth, {@code p} runs in blocks, so the panel
     * of B that a column tile reads stays in L1 while every row tile uses it; C holds the partial
     * sums between blocks.
     */
    record Broadcast(
            Extent rows, String rowVar,
            Extent cols, String colVar,
            Extent depth, String depthVar, int depthBlock,
            Access a,
            String bArray, Access b,
            Function<String, CodeBlock> initVector, Function<String, CodeBlock> initScalar,
            Function<CodeBlock, CodeBlock> finishVector, Function<CodeBlock, CodeBlock> finishScalar,
            String cArray, Access c) {

        boolean blocked() {
            return depthBlock > 0 && depth.constant() > depthBlock;
        }
    }

    /**
     * {@code C[i][j] = finish(sum_p A[aRow(i) + p] * B[bRow(j) + p], i)}: dot products along
     * {@code p}, contiguous in both A and B; one sum of lanes per result, after the loop ({@link LaneSums}).
     */
    record Dot(
            Extent rows, String rowVar, int rowTile,
            Extent cols, String colVar, int colTile,
            Extent depth, String depthVar,
            String aArray, Function<String, CodeBlock> aRow,
            String bArray, Function<String, CodeBlock> bRow,
            Finish finish,
            String cArray, Access c) {}

    /** The value stored for one dot product, from its sum and the row and column expressions. */
    interface Finish {
        CodeBlock apply(CodeBlock sum, String row, String column);
    }

    private final Numeric numeric;

    MatmulEmitter(Numeric numeric) {
        this.numeric = numeric;
    }

    CodeBlock broadcast(Broadcast g) {
        CodeBlock.Builder code = CodeBlock.builder();
        if (g.blocked()) {
            String p = g.depthVar();
            code.add("// $L in blocks of $L, so the panel of $L a column tile reads stays in L1 across all rows\n",
                    p, g.depthBlock(), g.bArray());
            code.beginControlFlow("for (int $L0 = 0; $L0 < $L; $L0 += $L)", p, p, g.depth().expression(), p, g.depthBlock())
                    .addStatement("int $L1 = Math.min($L0 + $L, $L)", p, p, g.depthBlock(), g.depth().expression());
        }
        String i = g.rowVar();
        if (g.rows().isOne()) {
            broadcastRowBlock(code, g, 1, 4, "0");
        } else {
            String rows = g.rows().expression();
            if (!g.blocked()) {
                // a block of its own, so the row counter the tiles share ends with them
                code.add("{\n$>");
            }
            code.addStatement("int $L = 0", i);
            if (g.rows().mayReach(8)) {
                code.beginControlFlow("if (WIDE_TILE)");
                code.beginControlFlow("for (; $L + 8 <= $L; $L += 8)", i, rows, i);
                broadcastRowBlock(code, g, 8, 2, i);
                code.endControlFlow();
                code.endControlFlow();
            }
            if (g.rows().mayReach(4)) {
                code.beginControlFlow("for (; $L + 4 <= $L; $L += 4)", i, rows, i);
                broadcastRowBlock(code, g, 4, 2, i);
                code.endControlFlow();
            }
            code.beginControlFlow("for (; $L < $L; $L++)", i, rows, i);
            broadcastRowBlock(code, g, 1, 4, i);
            code.endControlFlow();
            if (!g.blocked()) {
                code.add("$<}\n");
            }
        }
        if (g.blocked()) {
            code.endControlFlow();
        }
        return code.build();
    }

    /**
     * The column loops of one row tile: {@code vectors} vectors at a time, then one, then scalars.
     * Each loop starts where the previous one must have stopped, so no index is shared.
     */
    private void broadcastRowBlock(CodeBlock.Builder code, Broadcast g, int rows, int vectors, String firstRow) {
        String cols = g.cols().expression();
        String scalarStart = "0";
        if (g.cols().mayReach(2)) {
            broadcastVectorTile(code, g, rows, vectors, firstRow, "0");
            String rest = cols + " - " + cols + " % (" + vectors + " * LANES)";
            if (rows > 4) {
                // the columns left over run a row at a time: the same tile across all eight rows
                // would grow the method past what C1 compiles (JDK 17 gives up, and the method
                // then never reaches C2 and boxes every vector)
                String row = g.rowVar() + "1";
                code.beginControlFlow("for (int $L = $L; $L < $L + $L; $L++)", row, firstRow, row, firstRow, rows, row);
                broadcastVectorTile(code, g, 1, 1, row, rest);
                broadcastScalarTile(code, g, 1, row, "SPECIES.loopBound(" + cols + ")");
                code.endControlFlow();
                return;
            }
            if (vectors > 1) {
                broadcastVectorTile(code, g, rows, 1, firstRow, rest);
            }
            scalarStart = "SPECIES.loopBound(" + cols + ")";
        }
        broadcastScalarTile(code, g, rows, firstRow, scalarStart);
    }

    private void broadcastVectorTile(CodeBlock.Builder code, Broadcast g, int rows, int vectors, String firstRow, String start) {
        String step = vectors == 1 ? "LANES" : vectors + " * LANES";
        String j = g.colVar();
        code.beginControlFlow("for (int $L = $L; $L + $L <= $L; $L += $L)", j, start, j, step, g.cols().expression(), j, step);
        String p = g.depthVar();
        for (int t = 0; t < rows; t++) {
            for (int v = 0; v < vectors; v++) {
                CodeBlock fresh = t == 0 ? g.initVector().apply(column(j, v)) : CodeBlock.of("acc0$L", v);
                CodeBlock init = g.blocked()
                        ? CodeBlock.of("$L0 == 0 ? $L : $T.fromArray(SPECIES, $L, $L)", p, fresh, numeric.vector(),
                                g.cArray(), g.c().apply(row(firstRow, t), column(j, v)))
                        : fresh;
                code.addStatement("$T acc$L$L = $L", numeric.vector(), t, v, init);
            }
        }
        String at = openDepthLoop(code, g);
        for (int v = 0; v < vectors; v++) {
            code.addStatement("$T b$L = $T.fromArray(SPECIES, $L, $L)", numeric.vector(), v, numeric.vector(),
                    g.bArray(), g.b().apply(at, column(j, v)));
        }
        for (int t = 0; t < rows; t++) {
            code.addStatement("$T a$L = $T.broadcast(SPECIES, $L)", numeric.vector(), t, numeric.vector(),
                    g.a().apply(row(firstRow, t), at));
            for (int v = 0; v < vectors; v++) {
                code.addStatement("acc$L$L = a$L.fma(b$L, acc$L$L)", t, v, t, v, t, v);
            }
        }
        closeDepthLoop(code, g);
        boolean finishes = !isIdentity(g.finishVector());
        if (g.blocked() && finishes) {
            code.beginControlFlow("if ($L1 == $L)", p, g.depth().expression());
            for (int t = 0; t < rows; t++) {
                for (int v = 0; v < vectors; v++) {
                    code.addStatement("acc$L$L = $L", t, v, g.finishVector().apply(CodeBlock.of("acc$L$L", t, v)));
                }
            }
            code.endControlFlow();
        }
        for (int t = 0; t < rows; t++) {
            for (int v = 0; v < vectors; v++) {
                CodeBlock acc = CodeBlock.of("acc$L$L", t, v);
                code.addStatement("$L.intoArray($L, $L)", g.blocked() ? acc : g.finishVector().apply(acc), g.cArray(),
                        g.c().apply(row(firstRow, t), column(j, v)));
            }
        }
        code.endControlFlow();
    }

    private void broadcastScalarTile(CodeBlock.Builder code, Broadcast g, int rows, String firstRow, String start) {
        String j = g.colVar();
        code.beginControlFlow("for (int $L = $L; $L < $L; $L++)", j, start, j, g.cols().expression(), j);
        String p = g.depthVar();
        for (int t = 0; t < rows; t++) {
            CodeBlock fresh = t == 0 ? g.initScalar().apply(j) : CodeBlock.of("sum0");
            CodeBlock init = g.blocked()
                    ? CodeBlock.of("$L0 == 0 ? $L : $L[$L]", p, fresh, g.cArray(), g.c().apply(row(firstRow, t), j))
                    : fresh;
            code.addStatement("$T sum$L = $L", numeric.type(), t, init);
        }
        String at = openDepthLoop(code, g);
        code.addStatement("$T b = $L[$L]", numeric.type(), g.bArray(), g.b().apply(at, j));
        for (int t = 0; t < rows; t++) {
            code.addStatement("sum$L += $L * b", t, g.a().apply(row(firstRow, t), at));
        }
        closeDepthLoop(code, g);
        for (int t = 0; t < rows; t++) {
            CodeBlock sum = CodeBlock.of("sum$L", t);
            CodeBlock value = g.blocked() && !isIdentity(g.finishScalar())
                    ? CodeBlock.of("$L1 == $L ? $L : $L", p, g.depth().expression(), g.finishScalar().apply(sum), sum)
                    : g.finishScalar().apply(sum);
            code.addStatement("$L[$L] = $L", g.cArray(), g.c().apply(row(firstRow, t), j), value);
        }
        code.endControlFlow();
    }

    /** Opens the loop over the depth (none for a depth of one); returns the expression of the current step. */
    private static String openDepthLoop(CodeBlock.Builder code, Broadcast g) {
        String p = g.depthVar();
        if (g.depth().isOne()) {
            return "0";
        }
        if (g.blocked()) {
            code.beginControlFlow("for (int $L = $L0; $L < $L1; $L++)", p, p, p, p, p);
        } else {
            code.beginControlFlow("for (int $L = 0; $L < $L; $L++)", p, p, g.depth().expression(), p);
        }
        return p;
    }

    private static void closeDepthLoop(CodeBlock.Builder code, Broadcast g) {
        if (!g.depth().isOne()) {
            code.endControlFlow();
        }
    }

    private static boolean isIdentity(Function<CodeBlock, CodeBlock> finish) {
        CodeBlock probe = CodeBlock.of("probe");
        return finish.apply(probe).toString().equals(probe.toString());
    }

    CodeBlock dot(Dot g) {
        CodeBlock.Builder code = CodeBlock.builder();
        String i = g.rowVar();
        String rows = g.rows().expression();
        String tailStart = "0";
        if (g.rowTile() > 1 && g.rows().mayReach(g.rowTile())) {
            code.beginControlFlow("for (int $L = 0; $L + $L <= $L; $L += $L)", i, i, g.rowTile(), rows, i, g.rowTile());
            dotColumnBlock(code, g, g.rowTile());
            code.endControlFlow();
            tailStart = rows + " - " + rows + " % " + g.rowTile();
        }
        code.beginControlFlow("for (int $L = $L; $L < $L; $L++)", i, tailStart, i, rows, i);
        dotColumnBlock(code, g, 1);
        code.endControlFlow();
        return code.build();
    }

    private void dotColumnBlock(CodeBlock.Builder code, Dot g, int rows) {
        String j = g.colVar();
        if (g.cols().isOne()) {
            dotTile(code, g, rows, 1, "0");
            return;
        }
        String cols = g.cols().expression();
        String tailStart = "0";
        if (g.colTile() > 1 && g.cols().mayReach(g.colTile())) {
            code.beginControlFlow("for (int $L = 0; $L + $L <= $L; $L += $L)", j, j, g.colTile(), cols, j, g.colTile());
            dotTile(code, g, rows, g.colTile(), j);
            code.endControlFlow();
            tailStart = cols + " - " + cols + " % " + g.colTile();
        }
        code.beginControlFlow("for (int $L = $L; $L < $L; $L++)", j, tailStart, j, cols, j);
        dotTile(code, g, rows, 1, j);
        code.endControlFlow();
    }

    private void dotTile(CodeBlock.Builder code, Dot g, int rows, int cols, String column) {
        for (int s = 0; s < rows; s++) {
            for (int t = 0; t < cols; t++) {
                code.addStatement("$T acc$L$L = $T.zero(SPECIES)", numeric.vector(), s, t, numeric.vector());
            }
        }
        String p = g.depthVar();
        code.addStatement("int $L = 0", p);
        code.beginControlFlow("for (; $L < SPECIES.loopBound($L); $L += LANES)", p, g.depth().expression(), p);
        for (int s = 0; s < rows; s++) {
            code.addStatement("$T a$L = $T.fromArray(SPECIES, $L, $L + $L)", numeric.vector(), s, numeric.vector(),
                    g.aArray(), g.aRow().apply(row(g.rowVar(), s)), p);
        }
        for (int t = 0; t < cols; t++) {
            code.addStatement("$T b$L = $T.fromArray(SPECIES, $L, $L + $L)", numeric.vector(), t, numeric.vector(),
                    g.bArray(), g.bRow().apply(row(column, t)), p);
        }
        for (int s = 0; s < rows; s++) {
            for (int t = 0; t < cols; t++) {
                code.addStatement("acc$L$L = a$L.fma(b$L, acc$L$L)", s, t, s, t, s, t);
            }
        }
        code.endControlFlow();
        List<String> accumulators = new ArrayList<>();
        for (int s = 0; s < rows; s++) {
            for (int t = 0; t < cols; t++) {
                accumulators.add("acc" + s + t);
            }
        }
        code.add(LaneSums.fold(accumulators));
        for (int s = 0; s < rows; s++) {
            for (int t = 0; t < cols; t++) {
                code.addStatement("$T sum$L$L = acc$L$L.lane(0)", numeric.type(), s, t, s, t);
            }
        }
        code.beginControlFlow("for (; $L < $L; $L++)", p, g.depth().expression(), p);
        for (int s = 0; s < rows; s++) {
            for (int t = 0; t < cols; t++) {
                code.addStatement("sum$L$L += $L[$L + $L] * $L[$L + $L]", s, t,
                        g.aArray(), g.aRow().apply(row(g.rowVar(), s)), p,
                        g.bArray(), g.bRow().apply(row(column, t)), p);
            }
        }
        code.endControlFlow();
        for (int s = 0; s < rows; s++) {
            for (int t = 0; t < cols; t++) {
                String rowExpression = row(g.rowVar(), s);
                String columnExpression = row(column, t);
                code.addStatement("$L[$L] = $L", g.cArray(), g.c().apply(rowExpression, columnExpression),
                        g.finish().apply(CodeBlock.of("sum$L$L", s, t), rowExpression, columnExpression));
            }
        }
    }

    /** The {@code t}-th row of a tile, parenthesised for use in a product. */
    private static String row(String variable, int t) {
        return t == 0 ? variable : "(" + variable + " + " + t + ")";
    }

    /** The first column of the {@code v}-th vector of a tile, for use in a sum. */
    private static String column(String variable, int v) {
        return v == 0 ? variable : v == 1 ? variable + " + LANES" : variable + " + " + v + " * LANES";
    }
}
