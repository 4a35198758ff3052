// Next hands a repeated query parameter over as an array; pages want its first value.
export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}
