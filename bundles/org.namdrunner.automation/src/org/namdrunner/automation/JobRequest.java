package org.namdrunner.automation;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.namdrunner.cluster.ResourceRequest;

/**
 * What the user asked for when creating a job.
 *
 * @param name            job name
 * @param templateId      template id (may be null)
 * @param templateText    template to render into the config (null: the config is one of the inputs)
 * @param templateValues  the template's values
 * @param configFileName  name of the NAMD config in the job's input directory
 * @param inputs          local input files (uploaded into {@code input/} under their own names)
 * @param resources       resource request (checked against the partition's limits before anything happens)
 * @param module          NAMD module name (null: the profile's default)
 * @param environment     extra environment variables for the job
 * @param localResultsDir where logs and results are downloaded to
 */
public record JobRequest(String name, String templateId, String templateText, Map<String, String> templateValues,
        String configFileName, List<Path> inputs, ResourceRequest resources, String module, Map<String, String> environment,
        Path localResultsDir) {
    public JobRequest {
        templateValues = templateValues == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(templateValues));
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
        environment = environment == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        resources = resources == null ? new ResourceRequest(null, null, null, null, null, null, null) : resources;
    }
}
