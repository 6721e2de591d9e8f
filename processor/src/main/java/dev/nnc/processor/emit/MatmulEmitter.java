package dev.nnc.processor.emit;

import com.palantir.javapoet.CodeBlock;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The one matrix product every layer is built from: {@code C[i][j] = finish(start + sum_p A(i, p)
 * B[p][j])}, vectorised along {@code j}, which must be contiguous in B and C. Each step broadcasts
 * one A value against a vector of B's row, so every lane holds one output and sums it along
 * {@code p} in order: the same bits at every vector width. Where a row is not a whole number of
 * vectors, its last vector overlaps the one before instead of leaving columns to a scalar chain;
 * it is summed first, before any store to the row, and stored last, so the overlap is written
 * twice with the same numbers. Only a row narrower than a vector runs as scalars, with
 * {@code Math.fma} where the vectors fuse.
 *
 * <p>Rows go in register tiles in the manner of a GEMM micro-kernel: several independent
 * accumulators, so the loop is bound by FMA throughput rather than latency. The lane count is
 * known only at run time, so every tile is emitted and the loop bounds pick; the main tile is 8
 * rows x 2 vectors where the vectors are 512 bits wide (AVX-512, 32 registers: 16 accumulators,
 * 2 rows of B and a broadcast fit), else 4 x 2, which fits AVX2's 16 registers; on AVX2 a
 * 16-accumulator tile spills and ran 56 % slower. 8 x 2 beat 4 x 4 on AVX-512 (B training 18.8x
 * against 14.8x, C forward 57x against 56x). Loops that the constant sizes rule out are left out.
 */
final class MatmulEmitter {

    /** An index or element expression from an outer and an inner loop expression. */
    interface Access extends BiFunction<String, String, CodeBlock> {}

    /**
     * What each output's sum starts from: zero; the value at the output's own index in an array,
     * C itself (the product is then added to what C holds) or another; or a value per column that
     * every row shares, such as a bias, given as its vector and its scalar expression of the column.
     */
    record Start(Kind kind, String array, Function<String, CodeBlock> vector, Function<String, CodeBlock> scalar) {

        enum Kind { ZERO, FROM, PER_COLUMN }

        static final Start ZERO = new Start(Kind.ZERO, null, null, null);

        static Start from(String array) {
            return new Start(Kind.FROM, array, null, null);
        }

        static Start perColumn(Function<String, CodeBlock> vector, Function<String, CodeBlock> scalar) {
            return new Start(Kind.PER_COLUMN, null, vector, scalar);
        }
    }

    /**
     * One product. With a {@code depthBlock} above 0 and a longer constant depth, {@code p} runs in
     * blocks, so the panel of B that a column tile reads stays in L1 while every row tile uses it;
     * C holds the partial sums between blocks, and {@code finish} runs after the last.
     *
     * @param a the element A(i, p), from the row's and the step's expressions
     * @param b the index of B[p][j] in {@code bArray}
     * @param c the index of C[i][j] in {@code cArray}
     */
    record Product(
            Extent rows, String rowVar,
            Extent cols, String colVar,
            Extent depth, String depthVar, int depthBlock,
            Access a,
            String bArray, Access b,
            Start start,
            Function<CodeBlock, CodeBlock> finishVector, Function<CodeBlock, CodeBlock> finishScalar,
            String cArray, Access c) {

        /** The product without an epilogue. */
        Product(Extent rows, String rowVar, Extent cols, String colVar, Extent depth, String depthVar, Access a, String bArray,
                Access b, Start start, String cArray, Access c) {
            this(rows, rowVar, cols, colVar, depth, depthVar, 0, a, bArray, b, start, acc -> acc, acc -> acc, cArray, c);
        }

        boolean blocked() {
            return depthBlock > 0 && depth.constant() > depthBlock;
        }

        /** The same product with another column variable. */
        Product withColVar(String variable) {
            return new Product(rows, rowVar, cols, variable, depth, depthVar, depthBlock, a, bArray, b, start, finishVector,
                    finishScalar, cArray, c);
        }

        /** Whether each sum starts from C's own value, which then also holds the partial sums between blocks. */
        boolean accumulates() {
            return start.kind() == Start.Kind.FROM && start.array().equals(cArray);
        }

        boolean finishes() {
            CodeBlock probe = CodeBlock.of("probe");
            return !finishVector.apply(probe).toString().equals(probe.toString());
        }
    }

    /** The widest vector the emitted code may meet, in lanes: 512 bits of floats. */
    private static final int MAX_LANES = 16;

    private final Numeric numeric;

    MatmulEmitter(Numeric numeric) {
        this.numeric = numeric;
    }

    CodeBlock product(Product g) {
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
            rowBlock(code, g, 1, "0");
        } else {
            String rows = g.rows().expression();
            // a block of its own, so the row counter the tiles share ends with them
            code.add("{\n$>").addStatement("int $L = 0", i);
            if (g.rows().mayReach(8)) {
                code.beginControlFlow("if (WIDE_TILE)")
                        .beginControlFlow("for (; $L + 8 <= $L; $L += 8)", i, rows, i);
                rowBlock(code, g, 8, i);
                code.endControlFlow().endControlFlow();
            }
            if (g.rows().mayReach(4)) {
                code.beginControlFlow("for (; $L + 4 <= $L; $L += 4)", i, rows, i);
                rowBlock(code, g, 4, i);
                code.endControlFlow();
            }
            code.beginControlFlow("for (; $L < $L; $L++)", i, rows, i);
            rowBlock(code, g, 1, i);
            code.endControlFlow();
            code.add("$<}\n");
        }
        if (g.blocked()) {
            code.endControlFlow();
        }
        return code.build();
    }

    /** The rows {@code firstRow .. firstRow + rows - 1}: in vectors where a row holds one, else in scalars. */
    private void rowBlock(CodeBlock.Builder code, Product g, int rows, String firstRow) {
        boolean vectors = g.cols().mayReach(2);
        boolean scalars = g.cols().constant() < MAX_LANES;
        if (vectors && scalars) {
            code.beginControlFlow("if ($L >= LANES)", g.cols().expression());
            vectorRows(code, g, rows, firstRow);
            code.nextControlFlow("else");
            scalarRows(code, g, rows, firstRow);
            code.endControlFlow();
        } else if (vectors) {
            // a block of its own, so that its locals end with it
            code.add("{\n$>");
            vectorRows(code, g, rows, firstRow);
            code.add("$<}\n");
        } else {
            scalarRows(code, g, rows, firstRow);
        }
    }

    /**
     * Whole vectors of each row, tiles of {@code vectors} and then of one, and the last vector,
     * which overlaps the one before where the lane count does not divide the columns. Eight rows
     * leave their last columns to a row at a time: the same tile across all eight would grow the
     * method past what C1 compiles (JDK 17 gives up, and the method then never reaches C2 and
     * boxes every vector).
     */
    private void vectorRows(CodeBlock.Builder code, Product g, int rows, String firstRow) {
        String cols = g.cols().expression();
        boolean mayBeRagged = g.cols().constant() < 0 || g.cols().constant() % MAX_LANES != 0;
        if (mayBeRagged) {
            // the last vector, overlapping the one before: summed before any store to these rows. Always
            // summed (where the lanes divide the row it repeats the last whole vector): a vector
            // assigned on one branch only would be boxed where the branches meet
            code.addStatement("int edge = $L - LANES", cols);
            sumVectors(code, g, rows, 1, firstRow, "edge", "last", false);
        }
        int widest = rows == 1 ? 4 : 2;
        String wideStep = widest + " * LANES";
        code.addStatement("int $L = 0", g.colVar());
        if (g.cols().mayReach(2 * widest)) {
            vectorTile(code, g, rows, widest, firstRow, wideStep);
        }
        if (rows > 4) {
            String row = g.rowVar() + "1";
            code.beginControlFlow("for (int $L = $L; $L < $L + $L; $L++)", row, firstRow, row, firstRow, rows, row)
                    .addStatement("int $L1 = $L", g.colVar(), g.colVar());
            vectorTile(code, g.withColVar(g.colVar() + "1"), 1, 1, row, "LANES");
            code.endControlFlow();
        } else {
            vectorTile(code, g, rows, 1, firstRow, "LANES");
        }
        if (mayBeRagged) {
            for (int t = 0; t < rows; t++) {
                code.addStatement("last$L.intoArray($L, $L)", t, g.cArray(), g.c().apply(row(firstRow, t), "edge"));
            }
        }
    }

    /** {@code for (; j + step <= cols; j += step)}: {@code rows x vectors} sums, stored. */
    private void vectorTile(CodeBlock.Builder code, Product g, int rows, int vectors, String firstRow, String step) {
        String j = g.colVar();
        code.beginControlFlow("for (; $L + $L <= $L; $L += $L)", j, step, g.cols().expression(), j, step);
        sumVectors(code, g, rows, vectors, firstRow, j, "acc", true);
        code.endControlFlow();
    }

    /**
     * Declares the accumulators {@code prefix + t + v}, sums them over the depth (finishing them
     * after the last block), and stores them when {@code store}.
     */
    private void sumVectors(CodeBlock.Builder code, Product g, int rows, int vectors, String firstRow, String column, String prefix,
            boolean store) {
        Object vector = numeric.vector();
        String p = g.depthVar();
        for (int t = 0; t < rows; t++) {
            for (int v = 0; v < vectors; v++) {
                String name = prefix + t + (store ? String.valueOf(v) : "");
                CodeBlock init = vectorStart(g, t, v, firstRow, column, prefix, store);
                code.addStatement("$T $L = $L", vector, name, init);
            }
        }
        String at = openDepthLoop(code, g);
        for (int v = 0; v < vectors; v++) {
            code.addStatement("$T b$L = $T.fromArray(SPECIES, $L, $L)", vector, v, vector, g.bArray(), g.b().apply(at, column(column, v)));
        }
        for (int t = 0; t < rows; t++) {
            code.addStatement("$T a$L = $T.broadcast(SPECIES, $L)", vector, t, vector, g.a().apply(row(firstRow, t), at));
            for (int v = 0; v < vectors; v++) {
                String name = prefix + t + (store ? String.valueOf(v) : "");
                code.addStatement("$L = a$L.fma(b$L, $L)", name, t, v, name);
            }
        }
        closeDepthLoop(code, g);
        if (g.finishes()) {
            if (g.blocked()) {
                code.beginControlFlow("if ($L1 == $L)", p, g.depth().expression());
            }
            for (int t = 0; t < rows; t++) {
                for (int v = 0; v < vectors; v++) {
                    String name = prefix + t + (store ? String.valueOf(v) : "");
                    code.addStatement("$L = $L", name, g.finishVector().apply(CodeBlock.of("$L", name)));
                }
            }
            if (g.blocked()) {
                code.endControlFlow();
            }
        }
        if (store) {
            for (int t = 0; t < rows; t++) {
                for (int v = 0; v < vectors; v++) {
                    code.addStatement("$L$L$L.intoArray($L, $L)", prefix, t, v, g.cArray(), g.c().apply(row(firstRow, t), column(column, v)));
                }
            }
        }
    }

    /** The vector a sum starts from: the start, or C's partial sum after the first block. */
    private CodeBlock vectorStart(Product g, int t, int v, String firstRow, String column, String prefix, boolean shared) {
        CodeBlock index = g.c().apply(row(firstRow, t), column(column, v));
        CodeBlock fresh = switch (g.start().kind()) {
            case ZERO -> CodeBlock.of("$T.zero(SPECIES)", numeric.vector());
            case FROM -> CodeBlock.of("$T.fromArray(SPECIES, $L, $L)", numeric.vector(), g.start().array(), index);
            // the rows of a tile share the first row's load
            case PER_COLUMN -> t > 0 && shared ? CodeBlock.of("$L0$L", prefix, v) : g.start().vector().apply(column(column, v));
        };
        CodeBlock fromC = CodeBlock.of("$T.fromArray(SPECIES, $L, $L)", numeric.vector(), g.cArray(), index);
        return g.blocked() && !g.accumulates()
                ? CodeBlock.of("$L0 == 0 ? $L : $L", g.depthVar(), fresh, fromC)
                : fresh;
    }

    /** Rows narrower than a vector: one scalar sum per output, fused as the vectors are. */
    private void scalarRows(CodeBlock.Builder code, Product g, int rows, String firstRow) {
        String j = g.colVar();
        String p = g.depthVar();
        code.beginControlFlow("for (int $L = 0; $L < $L; $L++)", j, j, g.cols().expression(), j);
        for (int t = 0; t < rows; t++) {
            CodeBlock index = g.c().apply(row(firstRow, t), j);
            CodeBlock fresh = switch (g.start().kind()) {
                case ZERO -> CodeBlock.of(numeric.literal(0));
                case FROM -> CodeBlock.of("$L[$L]", g.start().array(), index);
                case PER_COLUMN -> t > 0 ? CodeBlock.of("sum0") : g.start().scalar().apply(j);
            };
            CodeBlock fromC = CodeBlock.of("$L[$L]", g.cArray(), index);
            CodeBlock init = g.blocked() && !g.accumulates()
                    ? CodeBlock.of("$L0 == 0 ? $L : $L", p, fresh, fromC)
                    : fresh;
            code.addStatement("$T sum$L = $L", numeric.type(), t, init);
        }
        String at = openDepthLoop(code, g);
        code.addStatement("$T b = $L[$L]", numeric.type(), g.bArray(), g.b().apply(at, j));
        for (int t = 0; t < rows; t++) {
            code.addStatement("sum$L = Math.fma($L, b, sum$L)", t, g.a().apply(row(firstRow, t), at), t);
        }
        closeDepthLoop(code, g);
        for (int t = 0; t < rows; t++) {
            CodeBlock sum = CodeBlock.of("sum$L", t);
            CodeBlock value = !g.finishes() ? sum
                    : g.blocked() ? CodeBlock.of("$L1 == $L ? $L : $L", p, g.depth().expression(), g.finishScalar().apply(sum), sum)
                    : g.finishScalar().apply(sum);
            code.addStatement("$L[$L] = $L", g.cArray(), g.c().apply(row(firstRow, t), j), value);
        }
        code.endControlFlow();
    }

    /**
     * Opens the loop over the depth (for a depth of one, a block, so that the step's locals end
     * with it as they would with the loop); returns the expression of the current step.
     */
    private static String openDepthLoop(CodeBlock.Builder code, Product g) {
        String p = g.depthVar();
        if (g.depth().isOne()) {
            code.add("{\n$>");
            return "0";
        }
        if (g.blocked()) {
            code.beginControlFlow("for (int $L = $L0; $L < $L1; $L++)", p, p, p, p, p);
        } else {
            code.beginControlFlow("for (int $L = 0; $L < $L; $L++)", p, p, g.depth().expression(), p);
        }
        return p;
    }

    private static void closeDepthLoop(CodeBlock.Builder code, Product g) {
        if (g.depth().isOne()) {
            code.add("$<}\n");
        } else {
            code.endControlFlow();
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
