package org.p2pvps.registry.internal.store;

import java.util.EnumMap;
import java.util.Map;

import org.bson.Document;
import org.p2pvps.device.Device;
import org.p2pvps.device.Hardware;
import org.p2pvps.device.Period;

/** Converts between {@link Device} and its document. Secrets stay in the document only. */
public final class DeviceDocuments {

    private DeviceDocuments() {
    }

    public static Document pricing(Map<Period, Long> pricing) {
        Document document = new Document();
        pricing.forEach((period, price) -> document.append(period.name(), price));
        return document;
    }

    public static Document hardware(Hardware hardware) {
        return new Document("cpuModel", hardware.cpuModel())
                .append("cores", hardware.cores())
                .append("memoryMb", hardware.memoryMb())
                .append("diskMb", hardware.diskMb())
                .append("arch", hardware.arch());
    }

    public static Device device(Document d) {
        return new Device(
                d.getString("_id"),
                d.getString(DeviceFields.OWNER_ID),
                d.getString(DeviceFields.NAME),
                d.getString(DeviceFields.DESCRIPTION),
                d.getString(DeviceFields.CURRENCY),
                pricing(d.get(DeviceFields.PRICING, Document.class)),
                hardware(d.get(DeviceFields.HARDWARE, Document.class)),
                d.getString(DeviceFields.PUBLIC_KEY),
                d.getString(DeviceFields.KEY_FINGERPRINT),
                d.getInteger(DeviceFields.TUNNEL_PORT),
                d.getString(DeviceFields.SUBDOMAIN),
                OwnerStore.instant(d, DeviceFields.CREATED_AT),
                OwnerStore.instant(d, DeviceFields.REGISTERED_AT),
                OwnerStore.instant(d, DeviceFields.LAST_SEEN),
                Boolean.TRUE.equals(d.getBoolean(DeviceFields.TUNNEL_CONNECTED)));
    }

    private static Map<Period, Long> pricing(Document document) {
        Map<Period, Long> pricing = new EnumMap<>(Period.class);
        if (document != null) {
            for (Period period : Period.values()) {
                Number price = document.get(period.name(), Number.class);
                if (price != null) {
                    pricing.put(period, price.longValue());
                }
            }
        }
        return pricing;
    }

    private static Hardware hardware(Document document) {
        if (document == null) {
            return null;
        }
        return new Hardware(document.getString("cpuModel"),
                document.get("cores", Number.class).intValue(),
                document.get("memoryMb", Number.class).longValue(),
                document.get("diskMb", Number.class).longValue(),
                document.getString("arch"));
    }
}
