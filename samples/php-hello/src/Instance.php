<?php

declare(strict_types=1);

namespace App;

/**
 * What the platform tells the app about the running instance.
 */
final class Instance
{
    /** @return array{app: ?string, release: ?string, instance: ?string} */
    public static function describe(): array
    {
        return [
            'app' => self::env('SLIPWAY_APP'),
            'release' => self::env('SLIPWAY_RELEASE'),
            'instance' => self::env('SLIPWAY_INSTANCE'),
        ];
    }

    private static function env(string $name): ?string
    {
        $value = getenv($name);

        return $value === false || $value === '' ? null : $value;
    }
}
