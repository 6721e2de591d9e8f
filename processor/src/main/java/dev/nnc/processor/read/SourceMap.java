package dev.nnc.processor.read;

import dev.nnc.processor.spec.Source;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;

/** Where each {@link Source} handle of one spec points: an element, an annotation on it, an attribute. */
public final class SourceMap {

    /** An annotated element; the mirror is {@code null} when the annotation itself is absent. */
    public record Location(Element element, AnnotationMirror annotation, AnnotationValue value) {}

    private final List<Location> locations = new ArrayList<>();

    /** A new handle for {@code annotation} on {@code element}. */
    Source register(Element element, AnnotationMirror annotation) {
        locations.add(new Location(element, annotation, null));
        return Source.of(locations.size() - 1);
    }

    /** The most precise location of {@code source}: the attribute's value when it was written. */
    public Location locate(Source source) {
        Location location = locations.get(source.id());
        if (source.attribute() == null || location.annotation() == null) {
            return location;
        }
        for (var entry : location.annotation().getElementValues().entrySet()) {
            ExecutableElement attribute = entry.getKey();
            if (attribute.getSimpleName().contentEquals(source.attribute())) {
                return new Location(location.element(), location.annotation(), entry.getValue());
            }
        }
        return location;
    }
}
