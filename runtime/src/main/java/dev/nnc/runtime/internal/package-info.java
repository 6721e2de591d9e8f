/**
 * What generated classes call and nothing else should: the vector species and the finite probe
 * ({@link dev.nnc.runtime.internal.Vectors}), the check that the Vector API's module is there
 * ({@link dev.nnc.runtime.internal.VectorModule}), sums in a fixed order
 * ({@link dev.nnc.runtime.internal.FixedOrderSums}), the JIT-independent functions
 * ({@link dev.nnc.runtime.internal.PortableMath}, {@link dev.nnc.runtime.internal.SpecialFunctions})
 * and the initialisers' draws ({@link dev.nnc.runtime.internal.Initializers}).
 *
 * <p>Not API: these classes are public only so that generated code in other packages can reach
 * them, and they change with the processor that writes the calls, in any release.
 */
package dev.nnc.runtime.internal;
