@echo off
rem Starts NAMDRunner Workbench without a native launcher: the Equinox launcher jar on a JDK >= 21.
rem JVM: %NAMDRUNNER_JAVA_HOME%, then %JAVA_HOME%, then javaw on PATH. Workspace: -data DIR,
rem default %APPDATA%\namdrunner\workspace. The workbench starts when there are no arguments or the first one is an
rem Eclipse option (-data -clearPersistedState -clean -consoleLog -debug -console -nl -vmargs -vm -noSplash
rem -showLocation -application -perspective -product; any case); everything else runs the command-line application
rem org.namdrunner.cli.app in this console (java.exe, not javaw.exe), which handles commands, --help, --version and
rem unknown commands (usage, exit status 2), and returns its exit status (docs/USER-GUIDE.md).
setlocal EnableDelayedExpansion
set "HERE=%~dp0"
set "JAVA_EXE="
if defined NAMDRUNNER_JAVA_HOME if exist "%NAMDRUNNER_JAVA_HOME%\bin\javaw.exe" set "JAVA_EXE=%NAMDRUNNER_JAVA_HOME%\bin\javaw.exe"
if not defined JAVA_EXE if defined JAVA_HOME if exist "%JAVA_HOME%\bin\javaw.exe" set "JAVA_EXE=%JAVA_HOME%\bin\javaw.exe"
if not defined JAVA_EXE for %%J in (javaw.exe) do set "JAVA_EXE=%%~$PATH:J"
if not defined JAVA_EXE (
  echo namdrunner: needs Java 21 or newer and found none ^(NAMDRUNNER_JAVA_HOME, JAVA_HOME, javaw.exe on PATH^). 1>&2
  echo Install Eclipse Temurin 21 or newer for Windows x64 ^(JRE or JDK .msi, with "Set JAVA_HOME variable"^), 1>&2
  echo or set NAMDRUNNER_JAVA_HOME to the folder of an installed Java 21 or newer. 1>&2
  exit /b 1
)
rem the version, from the console java.exe beside javaw.exe
set "JAVA_CHECK=%JAVA_EXE:javaw.exe=java.exe%"
"%JAVA_CHECK%" -XshowSettings:properties -version 2> "%TEMP%\namdrunner-java.txt"
findstr /r /c:"java\.specification\.version = 2[1-9]" /c:"java\.specification\.version = [3-9][0-9]" "%TEMP%\namdrunner-java.txt" >nul 2>&1
if errorlevel 1 (
  echo namdrunner: needs Java 21 or newer; !JAVA_EXE! is older. 1>&2
  echo Install Eclipse Temurin 21 or newer for Windows x64 ^(JRE or JDK .msi, with "Set JAVA_HOME variable"^), 1>&2
  echo or set NAMDRUNNER_JAVA_HOME to the folder of an installed Java 21 or newer. 1>&2
  exit /b 1
)
set "LAUNCHER="
for %%F in ("%HERE%plugins\org.eclipse.equinox.launcher_*.jar") do set "LAUNCHER=%%~fF"
if not defined LAUNCHER (
  echo namdrunner: no Equinox launcher in %HERE%plugins 1>&2
  exit /b 1
)
rem the console JVM beside javaw.exe: it runs the command line and answers the probe below
set "JAVA_CLI=%JAVA_EXE:javaw.exe=java.exe%"
if not exist "%JAVA_CLI%" (
  echo namdrunner: no java.exe beside %JAVA_EXE% 1>&2
  exit /b 1
)
rem Xtext's Guice uses sun.misc.Unsafe: JDK 24+ warns about it unless allowed; JDK 21/22 refuse the option
set "UNSAFE="
"%JAVA_CLI%" --sun-misc-unsafe-memory-access=allow -version >nul 2>&1 && set "UNSAFE=--sun-misc-unsafe-memory-access=allow"
if "%~1"=="" goto gui
for %%O in (-data -clearPersistedState -clean -consoleLog -debug -console -nl -vmargs -vm -noSplash -showLocation -application -perspective -product) do if /i "%~1"=="%%O" goto gui
goto cli

:gui
set "DATA_ARGS=-data "%APPDATA%\namdrunner\workspace""
for %%A in (%*) do if /i "%%~A"=="-data" set "DATA_ARGS="
if not defined NAMDRUNNER_VMARGS set "NAMDRUNNER_VMARGS=-Xmx2g"
start "NAMDRunner" "%JAVA_EXE%" %NAMDRUNNER_VMARGS% %UNSAFE% -Dosgi.requiredJavaVersion=21 --add-opens=java.base/java.lang=ALL-UNNAMED -jar "%LAUNCHER%" -install "%HERE%." -configuration "%HERE%configuration" %DATA_ARGS% %*
exit /b 0

:cli
if not defined NAMDRUNNER_VMARGS set "NAMDRUNNER_VMARGS=-Xmx1g"
"%JAVA_CLI%" %NAMDRUNNER_VMARGS% %UNSAFE% -Dosgi.requiredJavaVersion=21 -Djava.awt.headless=true -jar "%LAUNCHER%" -install "%HERE%." -configuration "%HERE%configuration" -data @none -nosplash -application org.namdrunner.cli.app %*
exit /b %ERRORLEVEL%
