package dev.nnc.processor.validate;

import dev.nnc.processor.spec.Orphan;
import java.util.List;

/** Reports every nnc annotation that no spec reads, at the annotation. */
public final class OrphanValidator {

    public ValidationReport validate(List<Orphan> orphans) {
        ValidationReport report = new ValidationReport();
        for (Orphan orphan : orphans) {
            if (orphan.methodName() != null) {
                report.add(Message.ORPHAN_ON_METHOD, orphan.source(), orphan.annotation(), orphan.methodName(), orphan.typeName(),
                        orphan.typeName(), orphan.annotation());
            } else {
                report.add(Message.ORPHAN_ON_TYPE, orphan.source(), orphan.annotation(), orphan.typeName(), orphan.annotation());
            }
        }
        return report;
    }
}
