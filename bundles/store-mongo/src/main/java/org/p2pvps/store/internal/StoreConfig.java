package org.p2pvps.store.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "p2pvps store",
        description = "Where p2pvps keeps its data: an external MongoDB, or the embedded MongoDB-wire server.")
@interface StoreConfig {

    @AttributeDefinition(name = "MongoDB URI",
            description = "Connection string of an external MongoDB (a replica set in production); the store "
                    + "starts once it answers. Empty: start the embedded server with files under embedded.dir.")
    String mongodb_uri() default "";

    @AttributeDefinition(name = "Database", description = "Name of the p2pvps database.")
    String mongodb_database() default "p2pvps";

    @AttributeDefinition(name = "Embedded data directory",
            description = "Where the embedded server keeps its files. Empty: ${karaf.data}/mongo.")
    String embedded_dir() default "";

    @AttributeDefinition(name = "Embedded port",
            description = "Loopback port of the embedded server, for tools such as mongosh. 0: any free port.")
    int embedded_port() default 0;
}
