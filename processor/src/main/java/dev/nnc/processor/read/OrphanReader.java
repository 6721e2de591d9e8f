package dev.nnc.processor.read;

import dev.nnc.annotations.Activation;
import dev.nnc.annotations.Layer;
import dev.nnc.annotations.Loss;
import dev.nnc.annotations.Network;
import dev.nnc.annotations.Optimizer;
import dev.nnc.processor.spec.Orphan;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * Finds the nnc annotations of a round that no {@code @Network} spec reads, which javac would
 * otherwise drop without a word: {@code @Layer} or {@code @Activation} on a method of a type
 * without {@code @Network}, {@code @Loss} or {@code @Optimizer} on such a type. The layers of a
 * spec's superinterfaces are left to the spec, which reports them.
 */
public final class OrphanReader {

    /** The orphans and the map from their sources back to elements. */
    public record Result(List<Orphan> orphans, SourceMap sources) {}

    public Result read(RoundEnvironment round) {
        SourceMap sources = new SourceMap();
        List<Orphan> orphans = new ArrayList<>();
        Set<TypeElement> inherited = new HashSet<>();
        for (TypeElement spec : ElementFilter.typesIn(round.getElementsAnnotatedWith(Network.class))) {
            inherited.addAll(SpecReader.superinterfaces(spec));
        }
        for (ExecutableElement method : ElementFilter.methodsIn(round.getElementsAnnotatedWith(Layer.class))) {
            TypeElement owner = (TypeElement) method.getEnclosingElement();
            if (!isSpec(owner) && !inherited.contains(owner)) {
                orphans.add(orphan(Layer.class, method, owner, sources));
            }
        }
        for (ExecutableElement method : ElementFilter.methodsIn(round.getElementsAnnotatedWith(Activation.class))) {
            // with @Layer, the layer's orphan (or the spec's inherited layer) says it all
            TypeElement owner = (TypeElement) method.getEnclosingElement();
            if (!isSpec(owner) && method.getAnnotation(Layer.class) == null) {
                orphans.add(orphan(Activation.class, method, owner, sources));
            }
        }
        for (Class<? extends Annotation> annotation : List.of(Loss.class, Optimizer.class)) {
            for (TypeElement type : ElementFilter.typesIn(round.getElementsAnnotatedWith(annotation))) {
                if (!isSpec(type)) {
                    orphans.add(orphan(annotation, type, type, sources));
                }
            }
        }
        return new Result(orphans, sources);
    }

    private static boolean isSpec(TypeElement type) {
        return type.getAnnotation(Network.class) != null;
    }

    private static Orphan orphan(Class<? extends Annotation> annotation, Element element, TypeElement owner, SourceMap sources) {
        String methodName = element == owner ? null : element.getSimpleName().toString();
        return new Orphan(annotation.getSimpleName(), methodName, owner.getSimpleName().toString(),
                sources.register(element, SpecReader.mirror(element, annotation)));
    }
}
