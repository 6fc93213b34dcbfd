package org.namdrunner.workflow.tests;

final class Placeholder {
}
