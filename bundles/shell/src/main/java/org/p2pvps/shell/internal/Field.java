package org.p2pvps.shell.internal;

import java.util.List;

import org.apache.karaf.shell.support.table.ShellTable;

/**
 * One line of a show command's output: a label and its value, already formatted.
 *
 * @param label what the value is, e.g. "Tunnel port"
 * @param value the value as the operator reads it, "-" when absent
 */
record Field(String label, String value) {

    /** @return the fields as labelled lines without a header, values lined up behind one column of labels */
    static ShellTable table(List<Field> fields) {
        ShellTable table = new ShellTable().noHeaders();
        table.column("Field");
        table.column("Value");
        fields.forEach(field -> table.addRow().addContent(field.label(), field.value()));
        return table;
    }
}
