"use client";

// The same message as the root boundary, but inside the console layout, so the navigation stays.
export { default } from "../error";
