package io.handoff.platform.governance;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.handoff.platform.errors.InvalidRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.GetDeployedStartFormCmd;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * What a person contributes to a step is what the step's form asks. Before a person's task
 * completion or process start reaches the engine, every submitted variable is checked against the
 * task's (or start event's) Camunda Form: input fields pass; display-only fields pass only
 * unchanged (and are then not written); anything else is refused with one entry per field.
 * Administrators and the platform's own calls are not checked.
 */
final class FormInputGuard {

  private final ProcessEngineConfigurationImpl configuration;
  private final ObjectMapper json = new ObjectMapper();

  /** Forms by process definition and activity: a deployed definition and its forms never change. */
  private final Map<String, FormFields> forms = new ConcurrentHashMap<>();

  FormInputGuard(ProcessEngineConfigurationImpl configuration) {
    this.configuration = configuration;
  }

  /** The variables to write for a task completion, or a refusal. */
  Map<String, Object> forTask(String taskId, Map<String, Object> submitted) {
    if (EngineUsers.controlledCaller(configuration).isEmpty()) {
      return submitted;
    }
    return configuration
        .getCommandExecutorTxRequired()
        .execute(
            ctx -> {
              TaskEntity task = ctx.getTaskManager().findTaskById(taskId);
              if (task == null) {
                throw new NotFoundException("Cannot find task with id " + taskId);
              }
              FormFields fields =
                  forms.computeIfAbsent(
                      task.getProcessDefinitionId() + "#" + task.getTaskDefinitionKey(),
                      k -> read(ctx, () -> new GetDeployedTaskFormCmd(taskId).execute(ctx)));
              Map<String, Object> current = new LinkedHashMap<>();
              VariableMap variables = task.getVariablesTyped(false);
              for (String name : variables.keySet()) {
                current.put(name, variables.getValueTyped(name));
              }
              return filter("task \"" + task.getName() + "\"", fields, submitted, current);
            });
  }

  /** The variables to start a process with from its start form, or a refusal. */
  Map<String, Object> forStart(
      String processDefinitionId, String businessKey, Map<String, Object> submitted) {
    if (EngineUsers.controlledCaller(configuration).isEmpty()) {
      return submitted;
    }
    return configuration
        .getCommandExecutorTxRequired()
        .execute(
            ctx -> {
              ProcessDefinitionEntity definition;
              try {
                definition =
                    ctx.getProcessEngineConfiguration()
                        .getDeploymentCache()
                        .findDeployedProcessDefinitionById(processDefinitionId);
              } catch (org.camunda.bpm.engine.ProcessEngineException unknown) {
                definition = null;
              }
              if (definition == null) {
                throw new NotFoundException(
                    "Cannot find process definition with id " + processDefinitionId);
              }
              FormFields fields =
                  forms.computeIfAbsent(
                      definition.getId() + "#start",
                      k ->
                          read(
                              ctx,
                              () -> new GetDeployedStartFormCmd(processDefinitionId).execute(ctx)));
              Map<String, Object> withKey = new LinkedHashMap<>();
              if (businessKey != null) {
                // The platform gives each instance its business key; a person does not choose it.
                withKey.put("businessKey", businessKey);
              }
              if (submitted != null) {
                withKey.putAll(submitted);
              }
              return filter(
                  "start form of \"" + definition.getName() + "\"", fields, withKey, Map.of());
            });
  }

  /**
   * Runs a process start from a start form; a rule of the process that refuses the input (a
   * platform {@link InvalidRequestException} from a delegate, say) becomes a 400 naming its fields,
   * with a message the Tasklist shows, instead of a 500.
   */
  <T> T starting(java.util.function.Supplier<T> start) {
    try {
      return start.get();
    } catch (InvalidRequestException e) {
      throw refused("The process cannot be started with this input.", e);
    }
  }

  private static InvalidTaskInputException refused(String detail, InvalidRequestException e) {
    Map<String, String> problems = new LinkedHashMap<>();
    e.problems().forEach(p -> problems.merge(p.field(), p.message(), (a, b) -> a + "; " + b));
    return new InvalidTaskInputException(detail, problems);
  }

  /**
   * Runs a task completion; when it fails because another request completed the task at the same
   * moment (the task is gone now), answers that as the conflict it is instead of the engine's
   * incidental failure (a missing execution, say): 409 on engine REST.
   */
  <T> T completing(String taskId, java.util.function.Supplier<T> completion) {
    try {
      return completion.get();
    } catch (ControlRefusedException
        | InvalidTaskInputException
        | org.camunda.bpm.engine.OptimisticLockingException e) {
      throw e;
    } catch (InvalidRequestException e) {
      throw refused("The task cannot be completed with this input.", e);
    } catch (RuntimeException e) {
      // in a transaction of its own: the caller's may be aborted by the failure (PostgreSQL), and
      // only what another request committed says whether it completed the task
      boolean gone =
          configuration
              .getCommandExecutorTxRequiresNew()
              .execute(ctx -> ctx.getTaskManager().findTaskById(taskId) == null);
      if (gone) {
        throw new org.camunda.bpm.engine.OptimisticLockingException(
            "Task " + taskId + " was completed by another request at the same moment.");
      }
      throw e;
    }
  }

  private interface FormSource {
    InputStream open();
  }

  private FormFields read(CommandContext ctx, FormSource source) {
    InputStream form;
    try {
      form = ctx.runWithoutAuthorization(source::open);
    } catch (org.camunda.bpm.engine.BadUserRequestException e) {
      return FormFields.NONE; // no form: nothing may be submitted
    }
    try (InputStream in = form) {
      return FormFields.parse(in, json);
    } catch (IOException e) {
      throw new UncheckedIOException("The form cannot be read", e);
    }
  }

  private static Map<String, Object> filter(
      String where, FormFields fields, Map<String, Object> submitted, Map<String, Object> current) {
    if (submitted == null || submitted.isEmpty()) {
      return submitted;
    }
    Map<String, String> problems = new LinkedHashMap<>();
    Map<String, Object> accepted = new LinkedHashMap<>();
    submitted.forEach(
        (name, value) -> {
          if (fields.inputs().contains(name)) {
            Integer max = fields.maxLengths().get(name);
            if (max != null && unwrap(value) instanceof String text && text.length() > max) {
              problems.put(
                  name,
                  String.format(
                      Locale.ROOT,
                      "must be at most %,d characters (%,d given)",
                      max,
                      text.length()));
            }
            accepted.put(name, value);
          } else if (fields.displayOnly().contains(name)) {
            if (!same(value, current.get(name))) {
              problems.put(name, "is shown by the " + where + " but may not be changed");
            }
          } else {
            problems.put(name, "is not a field of the " + where);
          }
        });
    if (!problems.isEmpty()) {
      throw new InvalidTaskInputException(
          "Only the fields of the " + where + " may be submitted.", problems);
    }
    return accepted;
  }

  /** Whether a display-only field came back as it was shown. */
  static boolean same(Object submitted, Object current) {
    Object a = unwrap(submitted);
    Object b = unwrap(current);
    if (isBlank(a) && isBlank(b)) {
      return true;
    }
    if (a == null || b == null) {
      return false;
    }
    if (a instanceof Number x && b instanceof Number y) {
      return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
    }
    return Objects.equals(a, b) || a.toString().equals(b.toString());
  }

  private static Object unwrap(Object value) {
    if (value instanceof ObjectValue object && !object.isDeserialized()) {
      return object.getValueSerialized();
    }
    return value instanceof TypedValue typed ? typed.getValue() : value;
  }

  private static boolean isBlank(Object value) {
    return value == null || (value instanceof String s && s.isEmpty());
  }
}
